#!/usr/bin/env bash
# Restarts the application processes one at a time without interrupting the service (dossier, chapter 5): each
# is stopped (it drains: NGINX sends its requests to the others), started again from the release the
# /home/ocpizza/ocpizza link names, and must answer /readyz before the next one stops.
#   deploy/rolling-restart.sh      (as ocpizza; OCPIZZA_SUPERVISOR_CONF, DEPLOY_READY_TIMEOUT, SUPERVISORCTL)
set -euo pipefail
cd "$(dirname "$0")"
ready_timeout=${DEPLOY_READY_TIMEOUT:-180}
if [ "$(id -u)" -eq 0 ]; then default_ctl=supervisorctl; else default_ctl="sudo -n /usr/bin/supervisorctl"; fi
supervisorctl=${SUPERVISORCTL:-$default_ctl}
procs=$(bash processes.sh)
while read -r name port; do
  $supervisorctl stop "$name" >/dev/null || true
  $supervisorctl start "$name" >/dev/null || echo "supervisorctl could not start $name (see its log)" >&2
  waited=0
  until curl -fs -o /dev/null --max-time 5 "http://127.0.0.1:$port/readyz"; do
    if [ "$waited" -ge "$ready_timeout" ]; then
      echo "$name (port $port) is not ready after ${ready_timeout} s: the others were left running" >&2
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  echo "$name (port $port) restarted and ready"
done <<<"$procs"
