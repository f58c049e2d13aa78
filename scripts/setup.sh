#!/usr/bin/env bash
# Idempotent set-up for the browser tests on a fresh Debian machine.
#   - installs Debian's Chromium (/usr/bin/chromium) with apt-get if it is missing
#   - runs `npm ci` if node_modules/ is missing or older than package-lock.json
# Never downloads a browser build of its own (no `playwright install`).
# Usage: bash scripts/setup.sh        (from anywhere; runs as root or via sudo)
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
apt_get() { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -q "$@"; }

if [ -x /usr/bin/chromium ]; then
  echo "setup: chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
else
  echo "setup: installing chromium with apt-get"
  apt_get update
  # fonts-noto-cjk: so the Japanese pages render real glyphs in screenshots.
  pkgs=(chromium fonts-noto-cjk)
  # One retry: a fetched .deb has been seen to vanish mid-install here.
  apt_get install -y --no-install-recommends "${pkgs[@]}" \
    || { echo "setup: apt-get install failed, retrying once"; \
         apt_get install -y --no-install-recommends "${pkgs[@]}"; }
  echo "setup: installed $(/usr/bin/chromium --version 2>/dev/null)"
fi

# npm writes node_modules/.package-lock.json last: without it the folder is missing, empty or
# half-installed (an interrupted or concurrent npm ci).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules ]; then
  echo "setup: npm ci (node_modules missing, incomplete or older than package-lock.json)"
  npm ci --no-audit --no-fund
  touch node_modules   # mark as up to date with the lock
else
  echo "setup: node_modules up to date"
fi
echo "setup: done"
