#!/usr/bin/env bash
# Installs headless Chromium (Debian's `chromium` package) for the HTML rendering test of
# `satudata status --format html`. Idempotent: does nothing when a chromium binary is already there.
# Called by .ci/run before `npm test`; needs root (CI runs as root) and the Debian mirrors.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
command -v chromium >/dev/null 2>&1
