#!/usr/bin/env bash
# npm run test:ckan: install what is missing -> start a fresh seeded CKAN -> build -> run the real
# suite (test/ckan/vitest.config.ts) -> stop (always) -> summary. Fails, never skips: a missing
# install, a service that does not start, a failed test, a skipped test or no test at all is an
# error. Last line on success, exactly:
#   ckan-real: ckan=<version> solr=<version> tests=<N> passed, 0 skipped
set -uo pipefail
# A private state dir: a run never stops an instance someone started by hand (test/ckan/.state).
export SATUDATA_CKAN_STATE="${SATUDATA_CKAN_STATE:-$(cd "$(dirname "$0")" && pwd)/.state/run}"
source "$(dirname "$0")/lib.sh"

# Runs on one state dir take turns (each starts and stops the same instance).
exec 9>"$STATE/run.lock"
flock -w 1200 9 || die "another test:ckan run on $STATE held the lock for 20 minutes"

REPORT="$STATE/vitest-report.json"
ENV_FILE="$STATE/env.json"
t_all="$(now)"
declare -A took=()
stopped=0

stop_services() {
  [ "$stopped" -eq 1 ] && return
  stopped=1
  local t
  t="$(now)"
  bash "$CKAN_DIR/stop.sh" || log "stop.sh reported a problem (see above)"
  took[stop]="$(elapsed "$t")"
}
trap stop_services EXIT
trap 'exit 130' INT TERM

timings() {
  local line="ckan-real timings:" k
  for k in install start build tests stop; do
    [ -n "${took[$k]:-}" ] && line+=" $k=${took[$k]}s"
  done
  echo "$line total=$(elapsed "$t_all")s"
}

fail() {
  log "$*"
  stop_services
  timings
  echo "ckan-real: FAILED ($*) ckan=$CKAN_VERSION solr=$SOLR_VERSION"
  exit 1
}

t="$(now)"
bash "$CKAN_DIR/install.sh" || fail "install failed"
took[install]="$(elapsed "$t")"

t="$(now)"
bash "$CKAN_DIR/start.sh" || fail "start failed"
took[start]="$(elapsed "$t")"

# The end-to-end CLI tests spawn bin/satudata.js, which runs dist/: build when there are any
# (the contract and smoke tests import TypeScript directly and need no build).
if compgen -G "$REPO_DIR/test/cli/*.real.test.ts" >/dev/null; then
  t="$(now)"
  log "npm run build (log: $LOGS/build.log)"
  (cd "$REPO_DIR" && npm run build) >"$LOGS/build.log" 2>&1 || { tail -n 40 "$LOGS/build.log" >&2; fail "npm run build failed"; }
  took[build]="$(elapsed "$t")"
fi

t="$(now)"
rm -f "$REPORT"
(cd "$REPO_DIR" && SATUDATA_CKAN_ENV="$ENV_FILE" npx vitest run --config test/ckan/vitest.config.ts \
  --reporter=default --reporter=json --outputFile.json="$REPORT")
vitest_rc=$?
took[tests]="$(elapsed "$t")"
stop_services

[ -s "$REPORT" ] || fail "vitest wrote no JSON report (exit $vitest_rc)"
# passed failed skipped(pending+todo) failedFiles ckanVersion solrVersion
read -r passed failed skipped bad_files ckan_v solr_v < <(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const env = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
  const badFiles = r.testResults.filter((f) => f.status !== "passed").length;
  console.log(r.numPassedTests, r.numFailedTests, r.numPendingTests + r.numTodoTests, badFiles, env.ckanVersion, env.solrVersion);
' "$REPORT" "$ENV_FILE") || fail "could not read $REPORT"

timings
if [ "$vitest_rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$bad_files" -ne 0 ] || [ "$skipped" -ne 0 ] || [ "$passed" -eq 0 ]; then
  echo "ckan-real: FAILED ckan=$ckan_v solr=$solr_v tests=$passed passed, $failed failed, $skipped skipped ($bad_files files failed, vitest exit $vitest_rc)"
  exit 1
fi
echo "ckan-real: ckan=$ckan_v solr=$solr_v tests=$passed passed, 0 skipped"
