#!/usr/bin/env bash
# Starts a fresh, seeded CKAN on 127.0.0.1 from the installed pieces (run install.sh first):
# PostgreSQL (own throw-away cluster), Redis, Solr 9 (CKAN's schema.xml), CKAN's server; then a
# sysadmin, org-a/org-b, an editor (org-a) and a member (org-b) with API tokens, written to
# $STATE/env.json (default test/ckan/.state/env.json). PIDs go to $STATE/pids/ for stop.sh.
# Every start wipes the previous instance's data, so each test run sees the same clean portal.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CLI_LOG="$LOGS/ckan-cli.log"
ENV_FILE="$STATE/env.json"
SYSADMIN=ckanadmin
t0="$(now)"

[ -f "$VENV/.satudata-installed" ] && [ -s "$VENV/satudata-ckan.ini.template" ] || die "CKAN $CKAN_VERSION is not installed: run test/ckan/install.sh"
[ -f "$SOLR_CACHE/classes/CkanSolr.class" ] || die "Solr $SOLR_VERSION is not installed: run test/ckan/install.sh"
PG_BIN="$(pg_bin)" || die "PostgreSQL is not installed: run test/ckan/install.sh"

# Two starts on one state dir at once would wipe each other: the second waits for the first.
# Every long-lived service below is started with "8>&- 9>&-": a service that inherited the lock's
# descriptor (or run.sh's, 9) would hold the lock for as long as it runs.
exec 8>"$STATE/start.lock"
flock -w 300 8 || die "another start.sh on $STATE did not finish within 300 s"

# A leftover instance (crashed run) would hold the ports and the data dir.
if compgen -G "$PIDS/*.pid" >/dev/null; then
  log "stopping a previous instance first"
  SATUDATA_CKAN_START_LOCKED=1 bash "$CKAN_DIR/stop.sh"
fi
rm -f "$ENV_FILE" "$LOGS"/{ckan,solr,redis,ckan-cli,seed}.log
# RUN_DIR is wiped: refuse anything but a directory of ours (a mistyped override must not hurt).
case "$(basename "$RUN_DIR")" in
  satudata-ckan*) ;;
  *) die "SATUDATA_CKAN_RUN_DIR must be a directory named satudata-ckan* (it is wiped on start)" ;;
esac
rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR"/{pg,pglog,sock,storage,solr-home/ckan/conf}
# The 'postgres' user must be able to enter it whatever the caller's umask.
chmod 755 "$RUN_DIR"

PG_PORT="$(free_port)"
REDIS_PORT="$(free_port)"
SOLR_PORT="$(free_port)"
CKAN_PORT="$(free_port)"
CKAN_URL="http://127.0.0.1:$CKAN_PORT"
SOLR_BASE="http://127.0.0.1:$SOLR_PORT/solr"

as_postgres() {
  # PostgreSQL refuses to run as root; as non-root we are already a fine owner.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# --- Solr first: the JVM is the slowest to come up, so it starts while the rest is prepared.
home="$RUN_DIR/solr-home"
echo '<solr/>' >"$home/solr.xml"
echo 'name=ckan' >"$home/ckan/core.properties"
cp "$CKAN_DIR/solr/conf/solrconfig.xml" "$home/ckan/conf/"
# CKAN's own schema from the installed package: its name (ckan-2.11) is what CKAN checks.
cp "$("$VENV/bin/python" -c 'import ckan, os; print(os.path.dirname(ckan.__file__))')/config/solr/schema.xml" "$home/ckan/conf/"
: >"$home/ckan/conf/synonyms.txt"
: >"$home/ckan/conf/protwords.txt"
log "starting Solr $SOLR_VERSION on 127.0.0.1:$SOLR_PORT"
java -Xms128m -Xmx512m -Dsolr.log.dir="$LOGS" \
  -cp "$SOLR_CACHE/classes:$(cat "$SOLR_CACHE/classpath.txt")" \
  CkanSolr "$home" "$SOLR_PORT" "$RUN_DIR/solr.port" >"$LOGS/solr.log" 2>&1 8>&- 9>&- &
echo $! >"$PIDS/solr.pid"

# --- PostgreSQL: a private cluster (no fsync: throw-away data) on loopback only.
chown postgres:postgres "$RUN_DIR"/{pg,pglog,sock} 2>/dev/null || true
chmod 700 "$RUN_DIR/pg"
run_step "initdb" "$CLI_LOG" as_postgres "$PG_BIN/initdb" -D "$RUN_DIR/pg" -U postgres -A trust -E UTF8 --locale=C.UTF-8
if ! as_postgres "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg" -l "$RUN_DIR/pglog/postgres.log" -w -t 60 \
  -o "-p $PG_PORT -h 127.0.0.1 -k $RUN_DIR/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >>"$CLI_LOG" 2>&1 8>&- 9>&-; then
  tail -n 40 "$RUN_DIR/pglog/postgres.log" >&2 || true
  die "PostgreSQL did not start"
fi
head -n 1 "$RUN_DIR/pg/postmaster.pid" >"$PIDS/postgres.pid"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres)
run_step "create database" "$CLI_LOG" "${PSQL[@]}" \
  -c "CREATE ROLE ckan_default LOGIN PASSWORD 'pass'" \
  -c "CREATE DATABASE ckan_default OWNER ckan_default ENCODING 'UTF8' TEMPLATE template0"

# --- Redis: CKAN only logs when it is missing, but real portals run it (background jobs).
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
  --logfile "$LOGS/redis.log" >/dev/null 2>&1 8>&- 9>&- &
echo $! >"$PIDS/redis.pid"

# --- CKAN config: CKAN's generated defaults (install.sh), with our ports, storage and upload limit.
INI="$RUN_DIR/ckan.ini"
ckan() { "$VENV/bin/ckan" -c "$INI" "$@"; }
run_step "write ckan.ini" "$CLI_LOG" python3 "$CKAN_DIR/ini.py" "$VENV/satudata-ckan.ini.template" "$INI" \
  "sqlalchemy.url=postgresql://ckan_default:pass@127.0.0.1:$PG_PORT/ckan_default" \
  "ckan.site_url=$CKAN_URL" \
  "solr_url=$SOLR_BASE/ckan" \
  "ckan.redis.url=redis://127.0.0.1:$REDIS_PORT/0" \
  "ckan.storage_path=$RUN_DIR/storage" \
  "ckan.max_resource_size=10" \
  "ckan.devserver.host=127.0.0.1" \
  "ckan.devserver.port=$CKAN_PORT"
# db init = db upgrade in 2.11: core migrations plus those of enabled plugins (activity).
run_step "ckan db init" "$CLI_LOG" ckan db init
# One CLI call creates and promotes the user: `sysadmin add` asks "Create new user?" for an
# unknown name (answered on stdin) and passes email/password on to `user add`.
run_step "ckan sysadmin add $SYSADMIN" "$CLI_LOG" ckan sysadmin add "$SYSADMIN" \
  email=admin@example.test password=Admin-Pass-12345 <<<y
ADMIN_TOKEN="$(ckan user token add "$SYSADMIN" satudata-tests -q 2>>"$CLI_LOG" | tail -n 1)"
[ -n "$ADMIN_TOKEN" ] || { tail -n 40 "$CLI_LOG" >&2; die "could not create the sysadmin's API token"; }

redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 || { tail -n 20 "$LOGS/redis.log" >&2; die "Redis is not answering"; }

# --- Wait for Solr (the launcher writes the port file once the core is loaded).
for _ in $(seq 1 180); do
  [ -f "$RUN_DIR/solr.port" ] && break
  pid_alive "$(cat "$PIDS/solr.pid")" || break
  sleep 0.5
done
if [ ! -f "$RUN_DIR/solr.port" ]; then
  tail -n 40 "$LOGS/solr.log" >&2
  die "Solr did not start"
fi
curl -sf "$SOLR_BASE/ckan/select?q=*:*&rows=0&wt=json" >/dev/null || { tail -n 40 "$LOGS/solr.log" >&2; die "Solr core 'ckan' not answering"; }

# --- CKAN's server: -r (no reloader) keeps it one process, so its PID is the server's.
log "starting CKAN on $CKAN_URL"
# Called directly (not via the ckan() function) so that $! is the server itself, not a subshell.
"$VENV/bin/ckan" -c "$INI" run -H 127.0.0.1 -p "$CKAN_PORT" -r -t >"$LOGS/ckan.log" 2>&1 8>&- 9>&- &
echo $! >"$PIDS/ckan.pid"
for _ in $(seq 1 300); do
  curl -sf "$CKAN_URL/api/3/action/status_show" >/dev/null 2>&1 && break
  pid_alive "$(cat "$PIDS/ckan.pid")" || break
  sleep 0.2
done
if ! curl -sf "$CKAN_URL/api/3/action/status_show" >/dev/null 2>&1; then
  tail -n 40 "$LOGS/ckan.log" >&2
  die "CKAN did not start"
fi

run_step "seed users, organizations and tokens" "$LOGS/seed.log" env \
  CKAN_URL="$CKAN_URL" SOLR_BASE_URL="$SOLR_BASE" SYSADMIN_NAME="$SYSADMIN" \
  SYSADMIN_TOKEN="$ADMIN_TOKEN" ENV_FILE="$ENV_FILE" "$VENV/bin/python" "$CKAN_DIR/seed.py"

log "CKAN ready at $CKAN_URL in $(elapsed "$t0")s; env: $ENV_FILE"
