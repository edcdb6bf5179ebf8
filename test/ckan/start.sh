#!/usr/bin/env bash
# Starts a fresh, seeded CKAN on 127.0.0.1 from the installed pieces (run install.sh first):
# PostgreSQL (own throw-away cluster, with the DataStore's database and read-only user), Redis,
# Solr 9 (CKAN's schema.xml), and two CKAN servers on the same database, index and DataStore:
#   url          plugins activity datastore datatables_view (CKAN's stock dataset form);
#   schemingUrl  the same plus scheming_datasets with templates/ckan/satudata_dataset.json.
# Then a sysadmin, org-a/org-b, an editor (org-a) and a member (org-b) with API tokens, written to
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
rm -f "$ENV_FILE" "$LOGS"/{ckan,ckan-scheming,solr,redis,ckan-cli,seed}.log
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
SCHEMING_PORT="$(free_port)"
CKAN_URL="http://127.0.0.1:$CKAN_PORT"
SCHEMING_URL="http://127.0.0.1:$SCHEMING_PORT"
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
  -c "CREATE DATABASE ckan_default OWNER ckan_default ENCODING 'UTF8' TEMPLATE template0" \
  -c "CREATE ROLE datastore_default LOGIN PASSWORD 'pass'" \
  -c "CREATE DATABASE datastore_default OWNER ckan_default ENCODING 'UTF8' TEMPLATE template0"

# --- Redis: CKAN only logs when it is missing, but real portals run it (background jobs).
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
  --logfile "$LOGS/redis.log" >/dev/null 2>&1 8>&- 9>&- &
echo $! >"$PIDS/redis.pid"

# --- CKAN config: CKAN's generated defaults (install.sh), with our ports, storage and upload limit.
# The DataStore writes as the main user into its own database and reads as a read-only user
# (CKAN's documented setup); the DataTables view is a default view, so a resource gets its table
# preview as soon as it has a DataStore table and its default views are (re)created.
INI="$RUN_DIR/ckan.ini"
SCHEMING_INI="$RUN_DIR/ckan-scheming.ini"
PLUGINS="activity datastore datatables_view"
ckan() { "$VENV/bin/ckan" -c "$INI" "$@"; }
run_step "write ckan.ini" "$CLI_LOG" python3 "$CKAN_DIR/ini.py" "$VENV/satudata-ckan.ini.template" "$INI" \
  "ckan.plugins=$PLUGINS" \
  "ckan.views.default_views=image_view datatables_view" \
  "ckan.datastore.write_url=postgresql://ckan_default:pass@127.0.0.1:$PG_PORT/datastore_default" \
  "ckan.datastore.read_url=postgresql://datastore_default:pass@127.0.0.1:$PG_PORT/datastore_default" \
  "sqlalchemy.url=postgresql://ckan_default:pass@127.0.0.1:$PG_PORT/ckan_default" \
  "ckan.site_url=$CKAN_URL" \
  "solr_url=$SOLR_BASE/ckan" \
  "ckan.redis.url=redis://127.0.0.1:$REDIS_PORT/0" \
  "ckan.storage_path=$RUN_DIR/storage" \
  "ckan.max_resource_size=10" \
  "ckan.devserver.host=127.0.0.1" \
  "ckan.devserver.port=$CKAN_PORT"
# The second server: same everything, plus ckanext-scheming with the Satu Data schema we ship
# (scheming loads a file:// URL; the schema's dataset_type is `dataset`, CKAN's default type).
run_step "write ckan-scheming.ini" "$CLI_LOG" python3 "$CKAN_DIR/ini.py" "$INI" "$SCHEMING_INI" \
  "ckan.plugins=$PLUGINS scheming_datasets" \
  "scheming.dataset_schemas=file://$REPO_DIR/templates/ckan/satudata_dataset.json" \
  "scheming.presets=ckanext.scheming:presets.json" \
  "ckan.site_url=$SCHEMING_URL" \
  "ckan.devserver.port=$SCHEMING_PORT"
# db init = db upgrade in 2.11: core migrations plus those of enabled plugins (activity).
run_step "ckan db init" "$CLI_LOG" ckan db init
# DataStore permissions: `ckan datastore set-permissions` prints SQL that depends only on the
# database and role names in the ini (constants here), so it is generated once per venv and
# replayed on every start (one CKAN CLI start less, 1-10 s).
PERMS_SQL="$VENV/satudata-datastore-permissions.sql"
if [ ! -s "$PERMS_SQL" ]; then
  run_step "ckan datastore set-permissions" "$CLI_LOG" sh -c '"$1" -c "$2" datastore set-permissions >"$3.tmp" && mv "$3.tmp" "$3"' \
    sh "$VENV/bin/ckan" "$INI" "$PERMS_SQL"
fi
run_step "datastore permissions (psql)" "$CLI_LOG" "${PSQL[@]}" -f "$PERMS_SQL"
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

# --- CKAN's servers: -r (no reloader) keeps each one process, so its PID is the server's.
# Both start at once; each is waited for below.
log "starting CKAN on $CKAN_URL and CKAN with scheming on $SCHEMING_URL"
# Called directly (not via the ckan() function) so that $! is the server itself, not a subshell.
"$VENV/bin/ckan" -c "$INI" run -H 127.0.0.1 -p "$CKAN_PORT" -r -t >"$LOGS/ckan.log" 2>&1 8>&- 9>&- &
echo $! >"$PIDS/ckan.pid"
"$VENV/bin/ckan" -c "$SCHEMING_INI" run -H 127.0.0.1 -p "$SCHEMING_PORT" -r -t >"$LOGS/ckan-scheming.log" 2>&1 8>&- 9>&- &
echo $! >"$PIDS/ckan-scheming.pid"
wait_ckan() { # NAME URL PIDFILE LOG
  for _ in $(seq 1 300); do
    curl -sf "$2/api/3/action/status_show" >/dev/null 2>&1 && return 0
    pid_alive "$(cat "$3")" || break
    sleep 0.2
  done
  curl -sf "$2/api/3/action/status_show" >/dev/null 2>&1 && return 0
  tail -n 40 "$4" >&2
  die "$1 did not start"
}
wait_ckan CKAN "$CKAN_URL" "$PIDS/ckan.pid" "$LOGS/ckan.log"
wait_ckan "CKAN (scheming)" "$SCHEMING_URL" "$PIDS/ckan-scheming.pid" "$LOGS/ckan-scheming.log"

run_step "seed users, organizations and tokens" "$LOGS/seed.log" env \
  CKAN_URL="$CKAN_URL" SCHEMING_URL="$SCHEMING_URL" SOLR_BASE_URL="$SOLR_BASE" SYSADMIN_NAME="$SYSADMIN" \
  SYSADMIN_TOKEN="$ADMIN_TOKEN" ENV_FILE="$ENV_FILE" "$VENV/bin/python" "$CKAN_DIR/seed.py"

log "CKAN ready at $CKAN_URL in $(elapsed "$t0")s; env: $ENV_FILE"
