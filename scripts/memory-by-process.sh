#!/usr/bin/env bash
# Starts a program, waits, and prints the memory of it and of every process
# below it (WebKit's web and network processes), one line each.
# BENCHMARKS.md quotes it for the app against the bare app.
#
# Usage: scripts/memory-by-process.sh SECONDS PROGRAM [ARGUMENTS...]
# Run it where the program can open a window, as scripts/bench-app.sh does:
#   xvfb-run -a dbus-run-session -- scripts/memory-by-process.sh 6 \
#       target/release/gigma-profile --demo

set -euo pipefail

if (($# < 2)) || [[ ! "$1" =~ ^[0-9]+$ ]]; then
    echo "usage: scripts/memory-by-process.sh SECONDS PROGRAM [ARGUMENTS...]" >&2
    exit 2
fi
wait_seconds="$1"
shift

# The same renderer setting as the app and the benchmark.
export WEBKIT_DISABLE_DMABUF_RENDERER=1
"$@" >/dev/null 2>&1 &
program=$!
sleep "$wait_seconds"

# Prints the ids of every process below $1.
descendants() {
    local child
    for child in $(ps -o pid= --ppid "$1"); do
        echo "$child"
        descendants "$child"
    done
}

for pid in "$program" $(descendants "$program"); do
    awk -v name="$(cat "/proc/$pid/comm")" '
        /^Pss:/ { pss = $2 }
        /^Rss:/ { rss = $2 }
        /^Private_Dirty:/ { dirty = $2 }
        END { printf "%-16s PSS %6.1f MiB  RSS %6.1f MiB  private dirty %6.1f MiB\n", name, pss / 1024, rss / 1024, dirty / 1024 }' \
        "/proc/$pid/smaps_rollup"
done

kill "$program"
wait "$program" 2>/dev/null || true
