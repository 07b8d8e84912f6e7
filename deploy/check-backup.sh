#!/usr/bin/env bash
# Age of the newest complete dump written by deploy/backup.sh, for cron and alerting (chapter 8 of the dossier).
# Usage: deploy/check-backup.sh
# Each setting comes from the environment, else from .env beside the app (deploy/env.sh):
#   BACKUP_DIR              the dumps' folder (default /var/backups/ocpizza)
#   BACKUP_MAX_AGE_HOURS    alert when the newest complete dump is older than this (default 26: a daily dump
#                           plus two hours of margin)
# Exit codes: 0 with a one-line status on stdout; 1 with an alert on stderr (no complete dump, or too old);
# 2 configuration. Only ocpizza-*.dump files count: a .partial file is a dump under way or interrupted.
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/env.sh
alert() {
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $SCRIPT_NAME : ALERTE : $*" >&2
  exit 1
}
dir=$(setting BACKUP_DIR)
dir=${dir:-/var/backups/ocpizza}
max=$(setting BACKUP_MAX_AGE_HOURS)
max=${max:-26}
[[ $max =~ ^[0-9]+$ ]] && ((max > 0)) ||
  fail 2 "BACKUP_MAX_AGE_HOURS doit être un nombre d'heures (valeur lue : « $max »)"

[ -d "$dir" ] || alert "aucune sauvegarde : le dossier $dir n'existe pas"
[ -r "$dir" ] && [ -x "$dir" ] || alert "le dossier des sauvegardes $dir est illisible pour $(id -un)"
newest=$(find "$dir" -maxdepth 1 -type f -name 'ocpizza-*.dump' -size +0 -printf '%T@ %s %p\n' | sort -n | tail -n 1)
[ -n "$newest" ] || alert "aucune sauvegarde complète (ocpizza-*.dump non vide) dans $dir"

read -r mtime size path <<<"$newest"
age=$(($(date +%s) - ${mtime%.*}))
((age >= 0)) || age=0
hours=$((age / 3600))
minutes=$((age % 3600 / 60))
name=$(basename "$path")
if ((age > max * 3600)); then
  alert "la dernière sauvegarde complète, $name, date de $hours h $minutes min (limite $max h, BACKUP_MAX_AGE_HOURS)"
fi
echo "OK : dernière sauvegarde $name, il y a $hours h $minutes min ($((size / 1024)) Kio, limite $max h)"
