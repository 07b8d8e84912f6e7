#!/usr/bin/env bash
# Independent copy of the OC Pizza database (the managed database's daily backups stay the first line).
# Usage: deploy/backup.sh            (cron: 30 3 * * * ocpizza /home/ocpizza/ocpizza/deploy/backup.sh)
#   DATABASE_URL            the database to save (read from the environment or from .env beside the app)
#   BACKUP_DIR              where dated dumps go (default /var/backups/ocpizza)
#   BACKUP_RETENTION_DAYS   dumps older than this many days are deleted (default 14)
# Writes ocpizza-YYYYMMDDTHHMMSSZ.dump (pg_dump custom format, compressed) and prints its path. A dump is
# written under a .partial name and renamed when complete: a file without .partial is always whole.
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/env.sh
dir=${BACKUP_DIR:-/var/backups/ocpizza}
keep=${BACKUP_RETENTION_DAYS:-14}
[[ "$keep" =~ ^[0-9]+$ ]] || { echo "BACKUP_RETENTION_DAYS must be a number of days" >&2; exit 2; }

mkdir -p "$dir"
file="$dir/ocpizza-$(date -u +%Y%m%dT%H%M%SZ).dump"
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$file.partial" "$DATABASE_URL"
mv "$file.partial" "$file"
# Retention: whole dumps older than the limit, and partial files left by an interrupted run.
find "$dir" -maxdepth 1 -type f \( -name 'ocpizza-*.dump' -o -name 'ocpizza-*.dump.partial' \) \
  -mtime +"$keep" -delete
echo "$file"
