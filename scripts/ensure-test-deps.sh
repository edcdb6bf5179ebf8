#!/usr/bin/env bash
# Installs the tools the test suite drives, when missing: xmllint (JUnit XSD check), headless Chromium
# (rendering of the status HTML report), and frictionless-py 5.21 in a cached venv outside the repo
# (the differential test; Python with venv from apt when absent). Idempotent and quick when all are present.
# `npm test` calls this first, so the README's test command works on a fresh Debian machine (as root).
set -euo pipefail
need=()
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  need+=(chromium fonts-dejavu-core)
fi
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  need+=(python3 python3-venv)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "The tests need: ${need[*]}. Install them (Debian/Ubuntu: sudo apt-get install -y ${need[*]}) and run again." >&2
    exit 1
  fi
  echo "Installing test tools: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# frictionless-py 5.21 for the differential test (quick when present). In CI a failed install fails the
# run; locally the differential test then skips with a loud message.
if ! bash "$(dirname "${BASH_SOURCE[0]}")/ensure-frictionless.sh" >/dev/null; then
  case "${CI:-}" in
    1|true|TRUE|yes) echo "ensure-test-deps: frictionless-py 5.21 could not be installed (needed in CI)" >&2; exit 1 ;;
    *) echo "ensure-test-deps: WARNING frictionless-py 5.21 could not be installed: the differential test will be skipped" >&2 ;;
  esac
fi
