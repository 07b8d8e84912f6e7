# Sourced by deploy/env.sh and deploy/nginx-admin.sh: reads a setting as the app does (src/config/index.ts), the
# environment's non-empty value first, else the value in $ENV_FILE under dotenv's rules (see env.sh). The caller
# sets ENV_FILE, and ENV_FILE_PRESENT=1 when that file is there to be read.

# dotenv_value KEY: the value of KEY in .env (empty when absent).
dotenv_value() {
  [ "$ENV_FILE_PRESENT" = 1 ] || return 0
  local line value='' pattern="^[[:space:]]*(export[[:space:]]+)?$1[[:space:]]*=(.*)$"
  local single="^'([^']*)'" double='^"(([^"\\]|\\.)*)"'
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%$'\r'}
    [[ $line =~ $pattern ]] || continue
    value=${BASH_REMATCH[2]}
    value=${value#"${value%%[![:space:]]*}"}
    if [[ $value =~ $single ]]; then
      value=${BASH_REMATCH[1]}
    elif [[ $value =~ $double ]]; then
      value=${BASH_REMATCH[1]}
    else
      value=${value%%#*}
      value=${value%"${value##*[![:space:]]}"}
    fi
  done <"$ENV_FILE"
  printf '%s' "$value"
}

# setting KEY: the environment's non-empty value, else the one of .env.
setting() {
  local value=${!1:-}
  [ -n "$value" ] || value=$(dotenv_value "$1")
  printf '%s' "$value"
}
