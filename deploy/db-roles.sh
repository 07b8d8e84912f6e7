#!/usr/bin/env bash
# Applies deploy/db-roles.sql (the application role's rights) with the tables' owner, after the migrations, when
# the processes connect as a role of their own: DATABASE_OWNER_URL set (environment or .env of the current
# folder). The application's role is the user of DATABASE_URL. Does nothing otherwise (development, tests).
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
ENV_FILE=${ENV_FILE:-.env}
ENV_FILE_PRESENT=0
[ -f "$ENV_FILE" ] && ENV_FILE_PRESENT=1
. "$here/dotenv.sh"
owner_url=$(setting DATABASE_OWNER_URL)
app_url=$(setting DATABASE_URL)
if [ -z "$owner_url" ]; then
  echo "db-roles: DATABASE_OWNER_URL is not set: the processes connect as the tables' owner (see the dossier)"
  exit 0
fi
[ -n "$app_url" ] || { echo "db-roles: DATABASE_URL is not set" >&2; exit 2; }
app_role=$(node -e 'console.log(decodeURIComponent(new URL(process.argv[1]).username))' "$app_url")
owner_role=$(node -e 'console.log(decodeURIComponent(new URL(process.argv[1]).username))' "$owner_url")
if [ "$app_role" = "$owner_role" ]; then
  echo "db-roles: DATABASE_URL and DATABASE_OWNER_URL name the same role ($app_role): nothing to grant" >&2
  exit 2
fi
psql "$owner_url" -X -q -v ON_ERROR_STOP=1 -v app_role="$app_role" -f "$here/db-roles.sql"
echo "db-roles: rights of $app_role applied (the sales journal: read and append only)"
