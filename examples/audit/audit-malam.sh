#!/usr/bin/env bash
# Audit malam Satu Data: which agency is missing which dataset, which are empty or late, and (with
# CHECK_DATA=1, the default) whether the published CSV/XLSX files are valid against their schema.
# Writes the HTML dashboard, a Markdown summary and the JSON document to dated files:
#   $OUT_DIR/audit-YYYY-MM-DD.{html,md,json}  (+ terbaru.{html,md,json}: copies of the latest)
# The date is the Makassar date (WITA, UTC+8). All three reports use the same --now, so they agree.
#
# Settings (environment):
#   SATUDATA_PORTAL   portal URL (or "portal" in .satudatarc.json)
#   SATUDATA_API_TOKEN  optional: a *member* token, so private datasets count as present (an
#                     editor/admin token also shows deleted datasets as deleted, with their last update)
#   CHECK_DATA        1 (default): download and validate each CSV/XLSX resource (--check-data; the
#                     results are cached in ~/.cache/satudata, so only changed files are downloaded and
#                     the 2nd and 3rd report below download nothing); 0: skip
#   MAX_FILE_MB       larger files are reported as "not checked" (default 50)
#   REGISTER          the Daftar Data (default: daftar-data.csv next to this script)
#   OUT_DIR           where reports go (default: ./laporan-audit)
#   FAIL_ON           missing | stale | invalid | never (default: missing). Levels include each other:
#                     missing = missing, deleted or empty; stale = + late; invalid = + invalid data
#   SATUDATA          how to run satudata (default: "npx --no-install satudata")
#
# Exit code: 0 all good, 1 something missing or empty (or stale / invalid, per FAIL_ON), 2 bad register or
# settings, 3 portal unreachable. Reports are written whenever the audit itself succeeded.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
register="${REGISTER:-$here/daftar-data.csv}"
out_dir="${OUT_DIR:-./laporan-audit}"
fail_on="${FAIL_ON:-missing}"
check_data="${CHECK_DATA:-1}"
max_file_mb="${MAX_FILE_MB:-50}"
read -r -a satudata <<<"${SATUDATA:-npx --no-install satudata}"

# POSIX TZ "UTC-8" is UTC+8 (WITA) and needs no tzdata on the machine.
day="$(TZ=UTC-8 date +%F)"
now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
mkdir -p "$out_dir"
base="$out_dir/audit-$day"

common=(status --register "$register" --now "$now")
if [ "$check_data" = "1" ]; then
  common+=(--check-data --max-file-mb "$max_file_mb")
fi
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
