#!/usr/bin/env bash
# Stops what start.sh started, by the PIDs it recorded (never by process name), CKAN first so
# nothing writes to a store that is going away. Safe to run twice or with nothing running.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

# service -> signal for a clean shutdown (PostgreSQL: SIGINT = "fast" shutdown, which
# disconnects clients; SIGTERM would wait for CKAN's pooled connections).
ORDER=(ckan solr redis postgres)
declare -A SIGNAL=([ckan]=TERM [solr]=TERM [redis]=TERM [postgres]=INT)
# What the PID's command line must contain, so a recycled PID is never killed.
declare -A EXPECT=([ckan]=ckan [solr]=CkanSolr [redis]=redis-server [postgres]=postgres)

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
exit "$status"
