#!/usr/bin/env bash
# Finds a Chromium Playwright can drive, installing Debian's package when it is missing and we can.
# Playwright's own browser download does not work offline, so we use the system browser.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium not found at $browser; installing Debian's chromium package…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null
  [ -x "$browser" ] && exit 0
fi
echo "No Chromium found at $browser. Install Chromium (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable." >&2
exit 1
