# Sourced by deploy/backup.sh, deploy/restore.sh and deploy/check-backup.sh from the release folder (the
# current directory), whose .env is a link to /home/ocpizza/shared/.env. Settings are read as the app reads them
# (src/config/index.ts): a non-empty variable of the environment wins over .env; the database is DATABASE_URL,
# else the POSTGRES_* variables. Every problem is reported in French on stderr with exit code 2: never silently.
# .env follows dotenv's rules: KEY=value, optional `export `, spaces around =, 'single' or "double" quotes,
# unquoted values end at # (comment) and are trimmed; the last line for a key wins; CRLF line ends are accepted.

ENV_FILE="$PWD/.env"
SCRIPT_NAME=$(basename "$0")

# fail CODE MESSAGE…: one line on stderr, dated (cron appends it to backup.log), then exit CODE.
fail() {
  local code=$1
  shift
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $SCRIPT_NAME : ERREUR : $*" >&2
  exit "$code"
}

# A failure nobody foresaw still leaves a line in the log (set -e alone would exit without a word).
trap 'rc=$?; echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $SCRIPT_NAME : ERREUR : la commande « $BASH_COMMAND » a échoué (code $rc, ligne $LINENO)" >&2' ERR

ENV_FILE_PRESENT=0
if [ -L "$ENV_FILE" ] || [ -e "$ENV_FILE" ]; then
  if [ ! -f "$ENV_FILE" ] || [ ! -r "$ENV_FILE" ]; then
    fail 2 "le fichier $ENV_FILE est illisible ($(readlink -m "$ENV_FILE") : fichier absent, pas un fichier ou droits insuffisants pour $(id -un))"
  fi
  ENV_FILE_PRESENT=1
fi

# dotenv_value KEY and setting KEY (dotenv's rules, the environment first): deploy/dotenv.sh.
. "$(dirname "${BASH_SOURCE[0]}")/dotenv.sh"

# urlencode TEXT: percent-encoding of every byte but the unreserved characters (as encodeURIComponent).
urlencode() {
  local LC_ALL=C text=$1 i c out=''
  for ((i = 0; i < ${#text}; i++)); do
    c=${text:i:1}
    case $c in
      [A-Za-z0-9._~-]) out+=$c ;;
      *) printf -v c '%%%02X' "'$c" && out+=${c: -3} ;;
    esac
  done
  printf '%s' "$out"
}

# need_command NAME…: each must be on PATH (the PostgreSQL client comes from Debian's postgresql-client).
need_command() {
  local name
  for name in "$@"; do
    command -v "$name" >/dev/null 2>&1 ||
      fail 2 "$name est introuvable (PATH=$PATH) : installer le client PostgreSQL (apt-get install postgresql-client, voir le chapitre 8 du dossier d'exploitation)"
  done
}

# database_url: sets DATABASE_URL as the app would connect. The POSTGRES_* form becomes a URL without the
# password, which goes to libpq through PGPASSWORD (so it never shows in the process list).
database_url() {
  DATABASE_URL=$(setting DATABASE_URL)
  [ -z "$DATABASE_URL" ] || return 0
  local name host port user pass ssl where
  name=$(setting POSTGRES_NAME)
  if [ -z "$name" ]; then
    if [ "$ENV_FILE_PRESENT" = 1 ]; then where="ni dans l'environnement ni dans $ENV_FILE"; else
      where="ni dans l'environnement, et $ENV_FILE n'existe pas"; fi
    fail 2 "base de données non configurée : DATABASE_URL et POSTGRES_NAME manquants ($where). Renseigner DATABASE_URL, ou POSTGRES_HOST, POSTGRES_PORT, POSTGRES_NAME, POSTGRES_USER et POSTGRES_PASS (chapitre 4 du dossier d'exploitation)"
  fi
  host=$(setting POSTGRES_HOST)
  port=$(setting POSTGRES_PORT)
  user=$(setting POSTGRES_USER)
  pass=$(setting POSTGRES_PASS)
  ssl=$(setting POSTGRES_SSL)
  host=${host:-127.0.0.1}
  port=${port:-5432}
  [[ $port =~ ^[0-9]{1,5}$ ]] || fail 2 "POSTGRES_PORT doit être un numéro de port (valeur lue : « $port »)"
  [[ $ssl =~ ^(true|false)?$ ]] || fail 2 "POSTGRES_SSL doit valoir true ou false (valeur lue : « $ssl »)"
  [[ $host == *:* && $host != \[* ]] && host="[$host]"
  DATABASE_URL="postgres://${user:+$(urlencode "$user")@}$host:$port/$(urlencode "$name")"
  [ "$ssl" != true ] || DATABASE_URL+='?sslmode=require'
  if [ -n "$pass" ]; then export PGPASSWORD=$pass; fi
}
