#!/usr/bin/env bash
# The application processes Supervisor runs, read from its ocpizza.conf (the one place that says how many and on
# which ports): one line "<supervisor name> <port>" per process, program after program (the API's `ocpizza`,
# then `ocpizza-admin`). Used by deploy.sh and rolling-restart.sh; NGINX's upstream lists are checked against it
# (test/integration/ops/layout.test.ts).
#   deploy/processes.sh [/etc/supervisor/conf.d/ocpizza.conf]
set -euo pipefail
conf=${1:-${OCPIZZA_SUPERVISOR_CONF:-/etc/supervisor/conf.d/ocpizza.conf}}
[ -r "$conf" ] || { echo "cannot read the Supervisor configuration $conf (set OCPIZZA_SUPERVISOR_CONF)" >&2; exit 2; }
awk '
  function flush() {
    if (program == "") return
    if (numprocs == "" || prefix == "") {
      printf "%s: program %s has no numprocs or PORT=\"<prefix>%%(process_num)02d\"\n", FILENAME, program > "/dev/stderr"
      bad = 1
      return
    }
    for (n = first; n < first + numprocs; n++) printf "%s:%s-%d %s%02d\n", program, program, n, prefix, n
    found++
  }
  /^\[program:[A-Za-z0-9_-]+\]$/ { flush(); program = substr($0, 10, length($0) - 10); numprocs = ""; first = 1; prefix = ""; next }
  /^\[/ { flush(); program = ""; next }
  program != "" && /^numprocs=[0-9]+$/ { numprocs = substr($0, 10) + 0 }
  program != "" && /^numprocs_start=[0-9]+$/ { first = substr($0, 16) + 0 }
  program != "" && /^environment=/ && match($0, /PORT="[0-9]+%\(process_num\)02d"/) {
    prefix = substr($0, RSTART + 6, RLENGTH - 6 - length("%(process_num)02d\""))
  }
  END {
    flush()
    if (found == 0 && !bad) printf "%s: no [program:…] section\n", FILENAME > "/dev/stderr"
    if (bad || found == 0) exit 2
  }
' "$conf"
