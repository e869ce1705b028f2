#!/usr/bin/env bash
# Regenerate every app icon from icons/icon.svg: the PNG sizes, icon.ico
# (Windows) and icon.icns (macOS) that tauri.conf.json lists in bundle.icon.
#
# Uses the Tauri CLI pinned in package.json (`npm ci` installs it when it is
# missing). `tauri icon` renders the SVG itself at every size, so no other
# image tool is needed. Commit the files it writes.
set -euo pipefail
cd "$(dirname "$0")/.."

source=icons/icon.svg
# The desktop set: Linux installs each PNG under its size in the hicolor
# theme, NSIS and MSI take icon.ico, the macOS .app takes icon.icns.
desktop_icons=(32x32.png 64x64.png 128x128.png 128x128@2x.png icon.png icon.ico icon.icns)

if [ ! -x node_modules/.bin/tauri ]; then
  npm ci --no-audit --no-fund
fi

# `tauri icon` also writes Windows Store, iOS and Android icons, which this
# desktop-only app does not ship, so it writes into a scratch folder and
# only the desktop set is copied.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# It lists every file it writes; show that only when it fails.
if ! log=$(node_modules/.bin/tauri icon "$source" --output "$scratch" 2>&1); then
  printf '%s\n' "$log" >&2
  echo "make-icons: tauri icon failed on $source" >&2
  exit 1
fi

# NOTE: `tauri icon` (CLI 2.12.6) writes the entries of icon.icns in a
# different order on each run, so icon.icns shows as changed even when
# icon.svg did not change. Commit it only together with a changed SVG.
for name in "${desktop_icons[@]}"; do
  cp "$scratch/$name" "icons/$name"
done

# Tauri rejects a PNG icon without an alpha channel at build time. Byte 25
# of a PNG is the colour type of its IHDR chunk, and 6 means RGBA.
for png in icons/*.png; do
  colour_type=$(od -An -tu1 -j25 -N1 "$png" | tr -d ' ')
  if [ "$colour_type" != 6 ]; then
    echo "make-icons: $png is not RGBA (PNG colour type $colour_type, expected 6)" >&2
    exit 1
  fi
done

echo "Wrote ${desktop_icons[*]} to icons/ from $source."
