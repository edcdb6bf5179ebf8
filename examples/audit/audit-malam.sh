#!/usr/bin/env bash
# Audit malam Satu Data: which agency is missing which dataset, and which are late.
# Writes the HTML dashboard, a Markdown summary and the JSON document to dated files:
#   $OUT_DIR/audit-YYYY-MM-DD.{html,md,json}  (+ terbaru.{html,md,json}: copies of the latest)
# The date is the Makassar date (WITA, UTC+8). All three reports use the same --now, so they agree.
#
# Settings (environment):
#   SATUDATA_PORTAL   portal URL (or "portal" in .satudatarc.json)
#   SATUDATA_API_TOKEN  optional: a *member* token, so private datasets count as present
#   REGISTER          the Daftar Data (default: daftar-data.csv next to this script)
#   OUT_DIR           where reports go (default: ./laporan-audit)
#   FAIL_ON           missing | stale | never (default: missing)
#   SATUDATA          how to run satudata (default: "npx --no-install satudata")
#
# Exit code: 0 all good, 1 something missing (or stale, with FAIL_ON=stale), 2 bad register or
# settings, 3 portal unreachable. Reports are written whenever the audit itself succeeded.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
register="${REGISTER:-$here/daftar-data.csv}"
out_dir="${OUT_DIR:-./laporan-audit}"
fail_on="${FAIL_ON:-missing}"
read -r -a satudata <<<"${SATUDATA:-npx --no-install satudata}"

# POSIX TZ "UTC-8" is UTC+8 (WITA) and needs no tzdata on the machine.
day="$(TZ=UTC-8 date +%F)"
now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
mkdir -p "$out_dir"
base="$out_dir/audit-$day"

common=(status --register "$register" --now "$now")
"${satudata[@]}" "${common[@]}" --format html -o "$base.html" --fail-on never
"${satudata[@]}" "${common[@]}" --format markdown -o "$base.md" --fail-on never
set +e
"${satudata[@]}" "${common[@]}" --json -o "$base.json" --fail-on "$fail_on"
code=$?
set -e
if [ "$code" -le 1 ]; then
  for ext in html md json; do cp "$base.$ext" "$out_dir/terbaru.$ext"; done
fi
exit "$code"
