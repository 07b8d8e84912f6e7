#!/usr/bin/env bash
# Deploys one commit on the server, as the ocpizza user, without losing a request (run by
# .github/workflows/deploy.yml over SSH, which runs THIS script as it is in the commit being deployed, or by hand):
#   deploy/deploy.sh <commit-sha>
# Layout (see docs/dossier-exploitation.md): $OCPIZZA_HOME/repo.git (bare mirror), releases/<sha>-<UTC time>/
# (a new folder for every deploy), ocpizza -> releases/… (the symlink Supervisor's `directory` points at),
# shared/.env. Steps:
#   1. refuse a commit that is not main's head, or that the live release's commit is not an ancestor of (two CI
#      runs finishing out of order); do nothing when that commit is already live and every process is ready;
#   2. build in a new release folder (never in the one serving), then `npm run check:config` (the .env against
#      the production schema, the database reached, pending migrations listed), the migrations (as the tables'
#      owner, DATABASE_OWNER_URL, when the processes connect as an application role) and that role's rights;
#   3. switch the symlink, then replace the processes ONE AT A TIME: stop one (the app drains: NGINX sends its
#      requests to the others), start it on the new release, wait for its /readyz, go on;
#   4. if a process does not become ready, switch back and restart the processes already replaced on the
#      previous release; the others never stopped serving.
# Process names, count and ports come from Supervisor's ocpizza.conf (OCPIZZA_SUPERVISOR_CONF), read by
# deploy/processes.sh; NGINX's upstream list is checked against it (test/integration/ops/layout.test.ts).
# Migrations are not rolled back: they must stay compatible with the previous release (add, then remove later).
set -euo pipefail
sha=${1:?usage: deploy/deploy.sh COMMIT_SHA}
[[ "$sha" =~ ^[0-9a-f]{7,40}$ ]] || { echo "not a commit sha: $sha" >&2; exit 2; }
home=${OCPIZZA_HOME:-/home/ocpizza}
repo_url=${OCPIZZA_REPO:-git@github.com:oc-pizza/ocpizza.git}
conf=${OCPIZZA_SUPERVISOR_CONF:-/etc/supervisor/conf.d/ocpizza.conf}
ready_timeout=${DEPLOY_READY_TIMEOUT:-180}
branch=${DEPLOY_BRANCH:-main}
# The ocpizza user drives its processes through sudo (one sudoers line, see the dossier, chapter 4).
if [ "$(id -u)" -eq 0 ]; then default_ctl=supervisorctl; else default_ctl="sudo -n /usr/bin/supervisorctl"; fi
supervisorctl=${SUPERVISORCTL:-$default_ctl}
current="$home/ocpizza"
log() { printf '[deploy %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
fail() { log "$*" >&2; exit "${2:-1}"; }

[[ "$ready_timeout" =~ ^[0-9]+$ ]] || fail "DEPLOY_READY_TIMEOUT must be a number of seconds" 2
# One deploy at a time (a re-run workflow, a hand deploy).
exec 9>"$home/deploy.lock"
flock -n 9 || fail "another deploy is running (lock $home/deploy.lock)" 75

[ -d "$home/repo.git" ] || git clone --mirror "$repo_url" "$home/repo.git"
git --git-dir="$home/repo.git" fetch --prune origin
sha=$(git --git-dir="$home/repo.git" rev-parse --verify --quiet "$sha^{commit}") ||
  fail "commit $1 is not in the repository" 3
head=$(git --git-dir="$home/repo.git" rev-parse --verify "refs/heads/$branch")
[ "$sha" = "$head" ] || fail "refusing $sha: it is not the head of $branch ($head)" 3

# The processes (Supervisor name and port), as the processes.sh of this commit reads them from ocpizza.conf.
procs=$(git --git-dir="$home/repo.git" show "$sha:deploy/processes.sh" | bash -s -- "$conf") || exit 2
names=() ports=()
while read -r name port; do names+=("$name") ports+=("$port"); done <<<"$procs"
log "${#names[@]} processes: ${names[*]} (ports ${ports[*]})"

ready() { curl -fs -o /dev/null --max-time 5 "http://127.0.0.1:${ports[$1]}/readyz"; }
all_ready() {
  local i
  for i in "${!ports[@]}"; do ready "$i" || return 1; done
}
wait_ready() {
  local waited=0
  until ready "$1"; do
    if [ "$waited" -ge "$ready_timeout" ]; then return 1; fi
    sleep 1
    waited=$((waited + 1))
  done
}

previous="" # the live release, to roll back to (none on the first deploy)
live_sha=""
if [ -L "$current" ] && [ -d "$(readlink -f "$current")" ]; then
  previous=$(readlink -f "$current")
  live_sha=$(cat "$previous/REVISION" 2>/dev/null || basename "$previous" | cut -d- -f1)
fi
if [ "$live_sha" = "$sha" ] && all_ready; then
  log "release $sha is already live and every process is ready: nothing to do"
  exit 0
fi
if [ -n "$live_sha" ] && [ "$live_sha" != "$sha" ] &&
  ! git --git-dir="$home/repo.git" merge-base --is-ancestor "$live_sha" "$sha" 2>/dev/null; then
  fail "refusing $sha: the live release $live_sha is not one of its ancestors (older or diverged commit)" 3
fi

release="$home/releases/$sha-$(date -u +%Y%m%dT%H%M%SZ)"
log "building $sha in $release"
mkdir -p "$release"
git --git-dir="$home/repo.git" archive "$sha" | tar -x -C "$release"
echo "$sha" >"$release/REVISION"
ln -sfn "$home/shared/.env" "$release/.env"
cd "$release"
npm ci --prefer-offline --no-audit --no-fund # the cache of earlier releases first; the lockfile's hashes still checked
npm run build
log "checking the configuration and the database"
npm run --silent check:config || fail "configuration check failed: nothing was switched" 4
log "migrations"
NODE_ENV=production npm run db:migrate
# The application role's rights (the sales journal: read and append only), when it is not the tables' owner.
bash deploy/db-roles.sh

switch_to() { ln -sfn "$1" "$current.next" && mv -T "$current.next" "$current"; }
# Stops one process (SIGTERM: it stops accepting, answers what it has, then exits) and starts it again from
# the release the symlink names. Readiness decides, not supervisorctl's answer (a FATAL process is "stopped").
replace() {
  $supervisorctl stop "${names[$1]}" >/dev/null || true
  $supervisorctl start "${names[$1]}" >/dev/null || log "supervisorctl could not start ${names[$1]} (see its log)"
  wait_ready "$1"
}

log "switching to $sha, one process at a time"
switch_to "$release"
replaced=()
for i in "${!names[@]}"; do
  if replace "$i"; then
    log "process ${names[$i]} (port ${ports[$i]}) is ready on $sha"
    replaced+=("$i")
    continue
  fi
  log "process ${names[$i]} (port ${ports[$i]}) did not become ready within ${ready_timeout} s"
  if [ -z "$previous" ]; then fail "first deploy failed: no previous release to roll back to"; fi
  log "rolling back to $previous"
  switch_to "$previous"
  for j in "${replaced[@]}" "$i"; do
    replace "$j" || log "process ${names[$j]} is not ready on the previous release either: see /var/log/ocpizza/"
  done
  exit 1
done
log "release $sha is live"
# Keep the five newest releases, and never the live or the previous one.
ls -1dt "$home"/releases/*/ | tail -n +6 | while read -r old; do
  old=${old%/}
  [ "$old" = "$release" ] || [ "$old" = "$previous" ] || rm -rf "$old"
done
