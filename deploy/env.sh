# Sourced by deploy/backup.sh and deploy/restore.sh: DATABASE_URL from the environment, else from the .env of
# the release (a link to /home/ocpizza/shared/.env), where the dossier writes it between single quotes.
if [ -z "${DATABASE_URL:-}" ] && [ -f .env ]; then
  DATABASE_URL=$(grep -E '^DATABASE_URL=' .env | tail -n 1 | cut -d= -f2- |
    sed -e "s/^'\(.*\)'\$/\1/" -e 's/^"\(.*\)"$/\1/')
fi
: "${DATABASE_URL:?DATABASE_URL is not set (environment or .env)}"
