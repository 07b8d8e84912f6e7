#!/usr/bin/env bash
# The application processes Supervisor runs, read from its ocpizza.conf (the one place that says how many and on
# which ports): one line "<supervisor name> <port>" each. Used by deploy.sh; NGINX's upstream list is checked
# against it (test/integration/ops/layout.test.ts).
#   deploy/processes.sh [/etc/supervisor/conf.d/ocpizza.conf]
set -euo pipefail
conf=${1:-${OCPIZZA_SUPERVISOR_CONF:-/etc/supervisor/conf.d/ocpizza.conf}}
[ -r "$conf" ] || { echo "cannot read the Supervisor configuration $conf (set OCPIZZA_SUPERVISOR_CONF)" >&2; exit 2; }
program=$(sed -n 's/^\[program:\([A-Za-z0-9_-]*\)\]$/\1/p' "$conf" | head -n 1)
numprocs=$(sed -n 's/^numprocs=\([0-9]*\)$/\1/p' "$conf" | head -n 1)
first=$(sed -n 's/^numprocs_start=\([0-9]*\)$/\1/p' "$conf" | head -n 1)
prefix=$(sed -n 's/^environment=.*PORT="\([0-9]*\)%(process_num)02d".*$/\1/p' "$conf" | head -n 1)
if [ -z "$program" ] || [ -z "$numprocs" ] || [ -z "$prefix" ]; then
  echo "$conf: no [program:…], numprocs or PORT=\"<prefix>%(process_num)02d\" found" >&2
  exit 2
fi
for n in $(seq "${first:-1}" $((${first:-1} + numprocs - 1))); do
  printf '%s:%s-%s %s%02d\n' "$program" "$program" "$n" "$prefix" "$n"
done
