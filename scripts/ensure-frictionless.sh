#!/usr/bin/env bash
# Installs frictionless-py 5.21.0 (with the Excel extra) from PyPI into a cached virtual environment
# OUTSIDE the repository, for the differential test (test/differential). Idempotent and quick when the
# environment is already there. Dependencies are pinned by scripts/frictionless-constraints.txt (a
# changed file reinstalls). Prints the environment's python path on stdout.
#   SATUDATA_FRICTIONLESS_VENV  overrides the location
#   (default ${XDG_CACHE_HOME:-$HOME/.cache}/satudata/frictionless-5.21)
set -euo pipefail
version=5.21.0
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
constraints="$here/frictionless-constraints.txt"
stamp="$version-$(cksum < "$constraints" | cut -d' ' -f1)"
venv="${SATUDATA_FRICTIONLESS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/satudata/frictionless-5.21}"
py="$venv/bin/python"
if [ -x "$py" ] && [ -f "$venv/.satudata-ok-$stamp" ]; then
  echo "$py"
  exit 0
fi
python=""
for c in python3 python; do
  if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 8) else 1)' >/dev/null 2>&1; then
    python="$c"; break
  fi
done
if [ -z "$python" ]; then
  echo "ensure-frictionless: Python >= 3.8 with the venv module is needed for the differential test (Debian: apt-get install -y python3 python3-venv)." >&2
  exit 1
fi
echo "ensure-frictionless: installing frictionless[excel]==$version into $venv (one-time)" >&2
rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
"$python" -m venv "$venv" >&2
"$py" -m pip install --quiet --disable-pip-version-check -c "$constraints" "frictionless[excel]==$version" >&2
"$py" -c 'import frictionless, sys; v = frictionless.__version__; sys.exit(0 if v == "'"$version"'" else 1)' >&2
touch "$venv/.satudata-ok-$stamp"
echo "$py"
