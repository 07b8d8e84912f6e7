#!/usr/bin/env bash
# Restores a dump made by deploy/backup.sh into a NEW database of the same server (the live one is never
# overwritten: restore beside it, check, then point DATABASE_URL at it or rename databases).
# Usage: deploy/restore.sh /var/backups/ocpizza/ocpizza-20261201T031500Z.dump ocpizza_restored
#   DATABASE_URL   any database of the server (used to create the target), from the environment or .env
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:?usage: deploy/restore.sh DUMP_FILE TARGET_DATABASE}
name=${2:?usage: deploy/restore.sh DUMP_FILE TARGET_DATABASE}
[[ "$name" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || { echo "target database name: lower case letters, digits, _" >&2; exit 2; }
[ -f "$file" ] || { echo "no such dump: $file" >&2; exit 2; }
if [ -z "${DATABASE_URL:-}" ] && [ -f .env ]; then
  DATABASE_URL=$(grep -E '^DATABASE_URL=' .env | tail -n 1 | cut -d= -f2- | sed -e 's/^"//' -e 's/"$//')
fi
: "${DATABASE_URL:?DATABASE_URL is not set (environment or .env)}"

base=${DATABASE_URL%%\?*}
query=${DATABASE_URL#"$base"}
target="${base%/*}/$name$query"
exists=$(psql "$DATABASE_URL" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'")
[ -z "$exists" ] || { echo "database $name already exists: choose a new name" >&2; exit 3; }
psql "$DATABASE_URL" -qc "CREATE DATABASE \"$name\""
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$target" "$file"
echo "restored $file into $name"
