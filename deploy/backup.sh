#!/usr/bin/env bash
# Independent copy of the OC Pizza database (the managed database's daily backups stay the first line).
# Usage: deploy/backup.sh            (cron: see chapter 8 of docs/dossier-exploitation.md)
# Each setting comes from the environment, else from .env beside the app (deploy/env.sh):
#   DATABASE_URL or POSTGRES_*  the database to save, as the app reads it
#   BACKUP_DIR                  where dated dumps go (default /var/backups/ocpizza; created 0700)
#   BACKUP_RETENTION_DAYS       dumps older than this many days are deleted (default 14)
#   BACKUP_COPY_CMD             optional off-site copy, run once the dump is complete; {file} stands for the dump's
#                               path (quoted for the shell), else the path is appended as the last argument, e.g.
#                               rclone copy {file} spaces:ocpizza-backups/
# Writes ocpizza-YYYYMMDDTHHMMSSZ.dump (pg_dump custom format, compressed, mode 0600) and prints its path. A dump is
# written under a .partial name and renamed when complete: a file without .partial is always whole.
# Exit codes: 0 done; 2 configuration (variable, .env, missing client); 4 off-site copy failed (local dump kept);
# 5 pg_dump older than the server; other: pg_dump or the connection failed (its message precedes ours).
set -euo pipefail
umask 077
cd "$(dirname "$0")/.."
. deploy/env.sh
need_command pg_dump psql
database_url
dir=$(setting BACKUP_DIR)
dir=${dir:-/var/backups/ocpizza}
keep=$(setting BACKUP_RETENTION_DAYS)
keep=${keep:-14}
copy=$(setting BACKUP_COPY_CMD)
[[ "$keep" =~ ^[0-9]+$ ]] || fail 2 "BACKUP_RETENTION_DAYS doit être un nombre de jours (valeur lue : « $keep »)"

# pg_dump refuses a server of a newer major version: say which client to install before trying.
client=$(pg_dump --version)
[[ $client =~ \)[[:space:]]+([0-9]+) ]] || fail 2 "version de pg_dump illisible : « $client »"
client_major=${BASH_REMATCH[1]}
server=$(psql -X -q -t -A -d "$DATABASE_URL" -c 'SHOW server_version_num') ||
  fail 3 "connexion à la base impossible pour lire sa version (message de psql ci-dessus)"
[[ $server =~ ^[0-9]+$ ]] || fail 3 "version du serveur illisible : « $server »"
server_major=$((server / 10000))
if ((client_major < server_major)); then
  fail 5 "pg_dump $client_major est plus ancien que le serveur PostgreSQL $server_major : il refuserait de le sauvegarder. Installer postgresql-client-$server_major depuis le dépôt apt.postgresql.org (PGDG), voir le chapitre 8 du dossier d'exploitation"
fi

if [ ! -d "$dir" ]; then mkdir -p -m 700 "$dir"; fi
file="$dir/ocpizza-$(date -u +%Y%m%dT%H%M%SZ).dump"
if ! pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$file.partial" "$DATABASE_URL"; then
  rm -f "$file.partial"
  fail 3 "pg_dump a échoué (message ci-dessus) : aucune sauvegarde écrite"
fi
mv "$file.partial" "$file"
# Retention: whole dumps older than the limit, and partial files left by an interrupted run.
find "$dir" -maxdepth 1 -type f \( -name 'ocpizza-*.dump' -o -name 'ocpizza-*.dump.partial' \) \
  -mtime +"$keep" -delete
echo "$file"

if [ -n "$copy" ]; then
  # The path reaches the command as "$1", so spaces or quotes in it cannot change the command.
  placeholder='{file}'
  quoted='"$1"'
  if [[ $copy == *"$placeholder"* ]]; then script=${copy//"$placeholder"/"$quoted"}; else script="$copy $quoted"; fi
  rc=0
  bash -c "$script" backup-copy "$file" </dev/null || rc=$?
  if [ "$rc" != 0 ]; then
    fail 4 "la copie hors site a échoué (code $rc, BACKUP_COPY_CMD=$copy) ; la sauvegarde locale est conservée : $file"
  fi
fi
