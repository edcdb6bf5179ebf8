# Shared settings and helpers for the real-CKAN scripts (sourced, not run).
# Everything lives in three places:
#   CACHE    downloads and installs kept between runs (venv, Maven repo, pip cache, Solr classpath);
#   STATE    git-ignored, default test/ckan/.state: env.json, PID files, logs (run.sh uses its
#            own test/ckan/.state/run, so a hand-started instance and a test run never collide);
#   RUN_DIR  the services' data for one start (PostgreSQL cluster, Solr core, uploads, ckan.ini),
#            under /tmp because the PostgreSQL cluster must be owned by, and reachable for, the
#            'postgres' user, which cannot enter /root or every checkout folder.

CKAN_VERSION="${CKAN_VERSION:-2.11.6}"   # newest 2.11.x on PyPI that installs (checked 2026-11)
SOLR_VERSION="${SOLR_VERSION:-9.10.1}"   # solr-core + solr-test-framework from Maven Central
# ckanext-scheming from PyPI: 3.1.0 is the first release that supports CKAN 2.11 (its changelog).
SCHEMING_VERSION="${SCHEMING_VERSION:-3.1.0}"

CKAN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$CKAN_DIR/../.." && pwd)"
CACHE="${SATUDATA_CKAN_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/satudata-ckan}"
STATE="${SATUDATA_CKAN_STATE:-$CKAN_DIR/.state}"
LOGS="$STATE/logs"
PIDS="$STATE/pids"
# One run dir per state dir, so two instances (two clones, or a hand-started one beside a test
# run) never trample each other's data.
RUN_DIR="${SATUDATA_CKAN_RUN_DIR:-/tmp/satudata-ckan-$(printf '%s' "$STATE" | cksum | cut -d' ' -f1)}"

VENV="$CACHE/venv-$CKAN_VERSION"
SOLR_CACHE="$CACHE/solr-$SOLR_VERSION"
M2_REPO="$CACHE/m2"

mkdir -p "$LOGS" "$PIDS"

log() { printf '[ckan-real] %s\n' "$*" >&2; }

die() {
  printf '[ckan-real] ERROR: %s\n' "$*" >&2
  exit 1
}

# run_step NAME LOGFILE CMD...: run CMD with its output in LOGFILE; on failure show the log's
# tail (the usual place of the real cause) and stop the script.
run_step() {
  local name="$1" logfile="$2"
  shift 2
  local t
  t="$(now)"
  if ! "$@" >>"$logfile" 2>&1; then
    printf '[ckan-real] FAILED: %s; last lines of %s:\n' "$name" "$logfile" >&2
    tail -n 40 "$logfile" >&2
    exit 1
  fi
  log "$name: $(elapsed "$t")s (log: $logfile)"
}

# Newest PostgreSQL server installed from Debian (its binaries are not on PATH).
pg_bin() {
  local v
  v="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$v" ] && [ -x "/usr/lib/postgresql/$v/bin/initdb" ] || return 1
  printf '/usr/lib/postgresql/%s/bin' "$v"
}

# A free TCP port on 127.0.0.1 (the kernel picks it; the tiny race until the service binds
# it is acceptable for a test machine and beats fixed ports clashing with other servers).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# A zombie (exited, not yet reaped by whoever adopted it) counts as gone.
pid_alive() {
  [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
  [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != "Z" ]
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
