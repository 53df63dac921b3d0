#!/usr/bin/env bash
# Builds every image of the platform on top of the local base image, with no registry:
#   susong/jre17:local (infra/docker/build-base-image.sh, from its cache when present)
#   susong/infra-local:local and susong/<service>:local for the five services
#   susong/portal:local, the reference portal (services/portal; the image base/portal.yaml of infra/k8s names)
#   susong/keycloak:local, the identity provider (infra/docker/build-keycloak-image.sh: Keycloak on a Java 21
#   base, from its cache when present)
# Needs the build outputs (./mvnw -DskipTests package, or verify): infra/local/target and each service's
# target/quarkus-app. Uses the legacy builder (no buildx here); no step touches the network once the
# base and Keycloak images are cached (their first build reads the Debian mirror and, for Keycloak's
# distribution, the local Maven repository or Maven Central).
#
#   infra/docker/build-images.sh [--skip-base]
# --skip-base: use SUSONG_BASE_IMAGE as it is, e.g. with a registry:
#   SUSONG_BASE_IMAGE=eclipse-temurin:17-jre infra/docker/build-images.sh --skip-base
# (the Keycloak image is built all the same; with a registry docker-compose.yml uses the official one).
# Environment: SUSONG_BASE_IMAGE (default susong/jre17:local), SUSONG_IMAGE_TAG (default local),
# SUSONG_SKIP_KEYCLOAK_IMAGE=1 (leave the Keycloak image out).
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOCKER_BUILDKIT=0

BASE=${SUSONG_BASE_IMAGE:-susong/jre17:local}
TAG=${SUSONG_IMAGE_TAG:-local}
SERVICES=(applications eligibility payments tech-contracts fund-investments)
# the services' images and the portal's (built the same way, from its own Dockerfile.jvm)
IMAGES=("${SERVICES[@]}" portal)
log() { echo "[images] $*" >&2; }
. infra/docker/image-cache.sh

missing=()
ls infra/local/target/susong-infra-local-*.jar >/dev/null 2>&1 && [[ -d infra/local/target/lib ]] \
  || missing+=(infra/local/target)
for s in "${IMAGES[@]}"; do
  [[ -f services/$s/target/quarkus-app/quarkus-run.jar ]] || missing+=("services/$s/target/quarkus-app")
done
if (( ${#missing[@]} )); then
  log "build outputs missing (${missing[*]}); run ./mvnw -DskipTests package first"; exit 1
fi

if [[ "${1:-}" != --skip-base ]]; then
  SUSONG_BASE_IMAGE=$BASE infra/docker/build-base-image.sh >/dev/null
  docker image inspect "$BASE" >/dev/null 2>&1 || { log "base image $BASE is missing"; exit 1; }
fi

build() { # name context
  local name=$1 context=$2 t0=$(date +%s%N)
  local out
  if ! out=$(docker build --pull=false --build-arg "BASE_IMAGE=$BASE" -f "$context/src/main/docker/Dockerfile.jvm" \
      -t "susong/$name:$TAG" "$context" 2>&1); then
    echo "$out" >&2; log "building susong/$name:$TAG failed"; return 1
  fi
  log "$(printf '%-28s built in %5.1f s, %s' "susong/$name:$TAG" "$(( ($(date +%s%N) - t0) / 1000000 ))e-3" \
    "$(image_size "susong/$name:$TAG")")"
}

build infra-local infra/local
for s in "${IMAGES[@]}"; do
  build "$s" "services/$s"
done
if [[ -z ${SUSONG_SKIP_KEYCLOAK_IMAGE:-} ]]; then
  t0=$(date +%s)
  kc=$(infra/docker/build-keycloak-image.sh | tail -1)
  log "$(printf '%-28s ready in %5d s, %s' "$kc" "$(( $(date +%s) - t0 ))" "$(image_size "$kc")")"
fi
