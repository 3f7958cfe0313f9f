#!/usr/bin/env bash
# What the browser tests need on a fresh machine, installed by `make test` before pytest:
#   - Debian's Chromium at /usr/bin/chromium (Playwright drives it; it cannot download its own
#     browser here). Installed with apt-get only when missing and we are root.
#   - the pinned npm packages (axe-core, the widget manager): `npm ci` from package-lock.json,
#     skipped when node_modules already matches the lock file.
# Without them the browser tests fail with a message saying what is missing; they never skip.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"

if [ -x /usr/bin/chromium ]; then
    echo "ensure-test-tools: chromium present ($(/usr/bin/chromium --version 2>/dev/null || echo '?'))"
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "ensure-test-tools: /usr/bin/chromium missing; running apt-get update && apt-get install -y chromium"
    start=$(date +%s)
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    echo "ensure-test-tools: installed $(/usr/bin/chromium --version) in $(( $(date +%s) - start )) s"
else
    echo "ensure-test-tools: WARNING /usr/bin/chromium is missing and this user cannot install it;" >&2
    echo "  the browser tests will fail. Install it with: sudo apt-get install -y chromium" >&2
fi

if command -v npm >/dev/null; then
    "$PYTHON" -m netcoach.site_js
else
    echo "ensure-test-tools: WARNING npm is missing; the accessibility tests will fail (need axe-core)" >&2
fi
