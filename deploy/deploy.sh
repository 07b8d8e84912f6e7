#!/usr/bin/env bash
# Deploys one commit on the server, as the ocpizza user (run by .github/workflows/deploy.yml over SSH, or by
# hand): deploy/deploy.sh <commit-sha>
# Layout (see docs/dossier-exploitation.md): $OCPIZZA_HOME/repo.git (bare mirror), releases/<sha>/ (one folder
# per release), ocpizza -> releases/<sha> (the symlink Supervisor's `directory` points at), shared/.env.
# Steps: fetch the commit, npm ci, build, migrations, switch the symlink, supervisorctl restart ocpizza:*, wait
# for every process's /readyz; if that fails, switch back to the previous release and restart it.
# Migrations are not rolled back: they must stay compatible with the previous release (add, then remove later).
set -euo pipefail
sha=${1:?usage: deploy/deploy.sh COMMIT_SHA}
[[ "$sha" =~ ^[0-9a-f]{7,40}$ ]] || { echo "not a commit sha: $sha" >&2; exit 2; }
home=${OCPIZZA_HOME:-/home/ocpizza}
repo_url=${OCPIZZA_REPO:-git@github.com:oc-pizza/ocpizza.git}
ports=${OCPIZZA_PORTS:-"8001 8002"}
# The ocpizza user restarts its processes through sudo (one sudoers line, see the dossier, chapter 4).
if [ "$(id -u)" -eq 0 ]; then default_ctl=supervisorctl; else default_ctl="sudo -n /usr/bin/supervisorctl"; fi
supervisorctl=${SUPERVISORCTL:-$default_ctl}
release="$home/releases/$sha"
current="$home/ocpizza"
log() { printf '[deploy %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

[ -d "$home/repo.git" ] || git clone --mirror "$repo_url" "$home/repo.git"
git --git-dir="$home/repo.git" fetch --prune origin
previous="" # the live release, to roll back to (none on the first deploy)
if [ -L "$current" ] && [ -d "$(readlink -f "$current")" ]; then previous=$(readlink -f "$current"); fi

if [ ! -d "$release" ]; then
  log "checking out $sha"
  mkdir -p "$release"
  git --git-dir="$home/repo.git" archive "$sha" | tar -x -C "$release"
fi
ln -sfn "$home/shared/.env" "$release/.env"
cd "$release"
log "npm ci and build"
npm ci --no-audit --no-fund
npm run build
log "migrations"
NODE_ENV=production npm run db:migrate

switch_to() {
  ln -sfn "$1" "$current.next" && mv -T "$current.next" "$current"
  # On the first deploy the processes are not running yet (FATAL): restart starts them. Readiness decides.
  $supervisorctl restart 'ocpizza:*' || log "supervisorctl restart reported an error (see above)"
}

ready() {
  local port
  for port in $ports; do
    for _ in $(seq 1 30); do
      curl -fs -o /dev/null "http://127.0.0.1:$port/readyz" && continue 2
      sleep 1
    done
    log "process on port $port is not ready"
    return 1
  done
}

log "switching to $sha"
switch_to "$release"
if ready; then
  log "release $sha is live"
  # Keep the five newest releases.
  ls -1dt "$home"/releases/*/ | tail -n +6 | xargs -r rm -rf
  exit 0
fi
if [ -n "$previous" ] && [ "$previous" != "$release" ]; then
  log "rolling back to $previous"
  switch_to "$previous"
  ready || log "the previous release is not ready either: check the logs in /var/log/ocpizza/"
fi
exit 1
