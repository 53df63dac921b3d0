#!/usr/bin/env bash
# The container part of CI, on a private Docker engine this script starts and stops itself:
#   1. installs docker.io, mmdebstrap and docker-compose when missing (apt, with retries)
#   2. starts dockerd on its own data/exec root and socket (no service manager needed)
#   3. builds the base image (or loads it from ~/.cache/susong/images), the platform's images and the
#      Keycloak image (on a Java 21 base; also cached there)
#   4. runs the Testcontainers component tests (infra/container-tests, -Dsusong.containers; one of them
#      with Keycloak and a service in OIDC mode)
#   5. runs the compose smoke test (docker-compose.yml + docker-compose.local.yml, Keycloak's tokens)
#   6. removes every container, network and volume, stops the daemon and deletes its data root,
#      also on failure or Ctrl-C (trap)
# Needs the build outputs of ./mvnw verify (or install). Exit status: 0 passed, 1 failed,
# 3 = no Docker engine can run on this machine (the caller skips the container part).
#
#   infra/docker/container-checks.sh
# Environment: SUSONG_DOCKER_DIR (the daemon's state, default a fresh /var/tmp/susong-docker.XXXX,
# deleted afterwards), SUSONG_IMAGE_CACHE (base image cache, default ~/.cache/susong/images),
# SUSONG_KEEP_DOCKER=1 (leave the data root in place for a faster rerun).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SKIP=3
log() { echo "[containers $(date +%H:%M:%S)] $*" >&2; }
step_start=$(date +%s)
step() { local now; now=$(date +%s); log "---- $* (previous step $(( now - step_start )) s)"; step_start=$now; }
t_all=$(date +%s)

retry() { # attempts command...
  local n=$1 i=1; shift
  until "$@"; do
    (( i >= n )) && return 1
    log "attempt $i of '$*' failed; retrying in $(( i * 10 )) s"; sleep $(( i * 10 )); i=$(( i + 1 ))
  done
}

# ---- 1. tools
step "tools"
need=()
command -v dockerd >/dev/null || need+=(docker.io)
command -v mmdebstrap >/dev/null || need+=(mmdebstrap)
command -v docker-compose >/dev/null || need+=(docker-compose)
if (( ${#need[@]} )); then
  if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
    log "cannot install ${need[*]} (not root or no apt-get)"; exit $SKIP
  fi
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! retry 3 timeout 300 apt-get update -qq >&2 \
      || ! retry 3 timeout 600 apt-get install -y -qq --no-install-recommends "${need[@]}" >&2; then
    log "installing ${need[*]} failed"; exit $SKIP
  fi
fi
command -v docker >/dev/null || { log "no docker client found"; exit $SKIP; }

# ---- 2. a private daemon
step "docker daemon"
DIR=${SUSONG_DOCKER_DIR:-$(mktemp -d /var/tmp/susong-docker.XXXXXX)}
mkdir -p "$DIR/data" "$DIR/exec"
export DOCKER_HOST="unix://$DIR/docker.sock"
export DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0
dockerd_pid=

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $dockerd_pid ]] && kill -0 "$dockerd_pid" 2>/dev/null; then
    log "cleanup: containers, networks, volumes"
    local ids
    ids=$(timeout 30 docker ps -aq 2>/dev/null || true)
    [[ -n $ids ]] && { log "removing leftover containers: $(echo $ids)"; timeout 120 docker rm -f -v $ids >/dev/null 2>&1 || true; }
    timeout 60 docker network prune -f >/dev/null 2>&1 || true
    timeout 60 docker volume prune -f >/dev/null 2>&1 || true
    log "cleanup: stopping dockerd (pid $dockerd_pid)"
    kill -TERM "$dockerd_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$dockerd_pid" 2>/dev/null; then
      log "dockerd did not stop in 30 s; killing it"; kill -KILL "$dockerd_pid" 2>/dev/null || true; sleep 1
    fi
  fi
  if [[ -z ${SUSONG_KEEP_DOCKER:-} && -z ${SUSONG_DOCKER_DIR:-} && -d $DIR ]]; then
    # overlay mounts are gone once the daemon stopped; anything still mounted is left alone
    if ! grep -q " $DIR/" /proc/mounts; then rm -rf "$DIR"; else log "left $DIR (still mounted)"; fi
  fi
  log "container part finished with status $rc in $(( $(date +%s) - t_all )) s"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

dockerd --data-root "$DIR/data" --exec-root "$DIR/exec" -H "$DOCKER_HOST" --pidfile "$DIR/dockerd.pid" \
  > "$DIR/dockerd.log" 2>&1 &
dockerd_pid=$!
for i in $(seq 1 60); do
  timeout 5 docker version >/dev/null 2>&1 && break
  if ! kill -0 "$dockerd_pid" 2>/dev/null || (( i == 60 )); then
    log "the Docker engine could not start on this machine; last lines of its log:"
    tail -15 "$DIR/dockerd.log" >&2 || true
    dockerd_pid=
    exit $SKIP
  fi
  sleep 0.5
done
log "dockerd $(docker version -f '{{.Server.Version}}') up (pid $dockerd_pid, $DOCKER_HOST)"

# ---- 3. images
step "images (base and Keycloak: cached or built from the Debian mirror and Maven)"
timeout 900 infra/docker/build-images.sh
docker images --format '  {{.Repository}}:{{.Tag}}  {{.Size}}' | grep susong/ >&2

# ---- 4. Testcontainers component tests
step "Testcontainers component tests"
# -am: the tests use infra/testing's principals and REST journey (a plain verify installs nothing); the modules
# before it only compile and package here (-Dtest=none), their tests ran in the Maven verify
timeout 1200 ./mvnw -B -ntp -pl infra/container-tests -am verify -Dsusong.containers -Dsusong.images.skip-build \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dsusong.api-lint.skip=true
cat infra/container-tests/target/container-ready-times*.txt >&2 2>/dev/null || true
left=$(docker ps -aq)
[[ -z $left ]] || { log "the component tests left containers behind: $left"; exit 1; }

# ---- 5. compose smoke test
step "compose smoke test"
timeout 1200 infra/docker/compose-smoke.sh
step "done"
