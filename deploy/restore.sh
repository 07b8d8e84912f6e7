#!/usr/bin/env bash
# Restores a dump made by deploy/backup.sh into a NEW database of the same server (the live one is never
# overwritten: restore beside it, check, then point DATABASE_URL at it). The target is created when missing; an
# existing one is used only when it has no table (created empty in the managed database's panel).
# Usage: deploy/restore.sh /var/backups/ocpizza/ocpizza-20261201T031500Z.dump ocpizza_restored
#   (a relative dump path is read from the caller's directory)
#   DATABASE_URL or POSTGRES_*   any database of the server (used to create the target), from the environment or
#                                .env, as the app reads them (deploy/env.sh)
set -euo pipefail
file=${1:?usage: deploy/restore.sh DUMP_FILE TARGET_DATABASE}
name=${2:?usage: deploy/restore.sh DUMP_FILE TARGET_DATABASE}
[[ "$name" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || { echo "target database name: lower case letters, digits, _" >&2; exit 2; }
[ -f "$file" ] || { echo "no such dump: $file" >&2; exit 2; }
[[ $file == /* ]] || file="$PWD/$file"
cd "$(dirname "$0")/.."
. deploy/env.sh
need_command psql pg_restore
database_url

base=${DATABASE_URL%%\?*}
query=${DATABASE_URL#"$base"}
target="${base%/*}/$name$query"
exists=$(psql "$DATABASE_URL" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'")
if [ -z "$exists" ]; then
  psql "$DATABASE_URL" -qc "CREATE DATABASE \"$name\""
else
  # Created beforehand (managed database panel, when the app's user may not create databases): it must be empty.
  tables=$(psql "$target" -tAc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
  [ "$tables" = "0" ] || { echo "database $name already exists and is not empty: choose a new name" >&2; exit 3; }
fi
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$target" "$file"
echo "restored $file into $name"
