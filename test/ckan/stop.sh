#!/usr/bin/env bash
# Stops what start.sh started, by the PIDs it recorded (never by process name), CKAN first so
# nothing writes to a store that is going away. Safe to run twice or with nothing running.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

# service -> signal for a clean shutdown (PostgreSQL: SIGINT = "fast" shutdown, which
# disconnects clients; SIGTERM would wait for CKAN's pooled connections).
ORDER=(ckan ckan-scheming solr redis postgres)
declare -A SIGNAL=([ckan]=TERM [ckan-scheming]=TERM [solr]=TERM [redis]=TERM [postgres]=INT)
# What the PID's command line must contain, so a recycled PID is never killed.
declare -A EXPECT=([ckan]=ckan [ckan-scheming]=ckan-scheming.ini [solr]=CkanSolr [redis]=redis-server [postgres]=postgres)

# Wait for a start.sh in progress on this state dir (its PIDs are not all recorded yet);
# start.sh itself calls us while holding that lock and says so.
if [ -z "${SATUDATA_CKAN_START_LOCKED:-}" ]; then
  exec 8>"$STATE/start.lock"
  flock -w 300 8 || log "start.sh still holds $STATE/start.lock after 300 s; stopping anyway"
fi

status=0
for svc in "${ORDER[@]}"; do
  pidfile="$PIDS/$svc.pid"
  [ -f "$pidfile" ] || continue
  pid="$(cat "$pidfile")"
  if pid_alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "${EXPECT[$svc]}"; then
    kill "-${SIGNAL[$svc]}" "$pid" 2>/dev/null
    for _ in $(seq 1 100); do
      pid_alive "$pid" || break
      sleep 0.2
    done
    if pid_alive "$pid"; then
      log "$svc (pid $pid) ignored SIG${SIGNAL[$svc]} for 20 s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null
      status=1
    else
      log "stopped $svc (pid $pid)"
    fi
  fi
  rm -f "$pidfile"
done

# Once everything is down, keep PostgreSQL's log with the others and drop the throw-away data
# (a cluster, a Solr index and uploads per start would pile up in /tmp). After a failed stop the
# data stays for a post-mortem.
if [ "$status" -eq 0 ] && [ -d "$RUN_DIR" ]; then
  cp "$RUN_DIR/pglog/postgres.log" "$LOGS/postgres.log" 2>/dev/null || true
  case "$(basename "$RUN_DIR")" in
    satudata-ckan*) rm -rf "$RUN_DIR" ;;
  esac
fi
exit "$status"
