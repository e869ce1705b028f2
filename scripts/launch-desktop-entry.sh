#!/usr/bin/env bash
# Launch an installed app from its desktop entry as a desktop would, wait
# for its window, take a screenshot of the whole screen and close the app.
#
# usage: launch-desktop-entry.sh DESKTOP_ID WINDOW_TITLE EXECUTABLE SCREENSHOT
#
#   DESKTOP_ID    the entry's file name without .desktop, as gtk-launch takes it
#   WINDOW_TITLE  the exact title of the window to wait for
#   EXECUTABLE    the installed binary that the window's process must run
#   SCREENSHOT    where to write the PNG
#
# Needs an X display and a session bus: `cargo xtask deb` runs it under
# xvfb-run and dbus-run-session with a throwaway HOME. Exits non-zero when
# the window does not appear within 30 s, belongs to another program, or
# the screen is still blank or changing 20 s after the window appeared.
set -euo pipefail

if [ $# -ne 4 ]; then
  sed -n '5p' "$0" >&2
  exit 2
fi
desktop_id=$1
window_title=$2
executable=$3
screenshot=$4

# A painted sign-in screen has hundreds of colours from anti-aliased text;
# an empty window on the black root window has two or three.
min_colours=32

fail() {
  echo "launch-desktop-entry: $*" >&2
  exit 1
}

# gtk-launch runs the entry's Exec line with the entry's own settings
# (Path, Terminal) and returns once the program has started.
gtk-launch "$desktop_id" || fail "gtk-launch could not start the desktop entry '$desktop_id'"

window=""
for _ in $(seq 60); do
  window=$(xdotool search --onlyvisible --name "^${window_title}\$" 2>/dev/null | head -n 1) || true
  [ -n "$window" ] && break
  sleep 0.5
done
[ -n "$window" ] || fail "no visible window titled '$window_title' within 30 s of gtk-launch"

pid=$(xdotool getwindowpid "$window") || fail "window $window has no _NET_WM_PID"
running=$(readlink "/proc/$pid/exe") || fail "process $pid of window $window has already exited"
echo "Window $window belongs to process $pid ($running)."
stop_app() {
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 20); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  echo "launch-desktop-entry: process $pid ignored SIGTERM for 10 s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
}
trap stop_app EXIT
[ "$running" = "$executable" ] || fail "the window belongs to $running, expected $executable"

# The app shows its window once the page has loaded, but scripts may still
# be filling it in: wait until two screenshots 0.5 s apart are the same
# pixels and the screen is not blank.
previous=""
for _ in $(seq 40); do
  import -window root "$screenshot"
  signature=$(identify -format '%#' "$screenshot")
  colours=$(identify -format '%k' "$screenshot")
  if [ "$signature" = "$previous" ] && [ "$colours" -ge "$min_colours" ]; then
    echo "Screenshot $screenshot: $colours colours."
    exit 0
  fi
  previous=$signature
  sleep 0.5
done
fail "the screen is still blank or changing 20 s after the window appeared ($colours colours, need $min_colours); see $screenshot"
