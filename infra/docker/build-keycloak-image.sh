#!/usr/bin/env bash
# Builds the identity provider's image without any image registry: Keycloak's distribution
# (org.keycloak:keycloak-quarkus-dist, the version of infra/local's KeycloakProcess, unpacked from the local Maven
# repository or Maven Central through the Maven wrapper) on the Java 21 base image (build-base-image.sh 21: Debian
# trixie + openjdk-21-jre-headless), user 10001, the server augmented at build time (infra/keycloak/Dockerfile).
#
# Cached like the base images (infra/docker/image-cache.sh): the hash of this script, the Dockerfile and the version
# names the cache file; a cached image is loaded in seconds, and the Java 21 base is then not needed at all. The realm
# is not in the image (it is mounted at start), so editing infra/keycloak/susong-realm.json rebuilds nothing.
#
#   infra/docker/build-keycloak-image.sh          # prints the image name on the last line
# Environment: SUSONG_KEYCLOAK_IMAGE (default susong/keycloak:local), SUSONG_KEYCLOAK_BASE_IMAGE (default
# susong/jre21:local), SUSONG_IMAGE_CACHE, SUSONG_BASE_REBUILD=1 (ignore the caches and the existing images).
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOCKER_BUILDKIT=0
log() { echo "[keycloak-image] $*" >&2; }
. infra/docker/image-cache.sh

IMAGE=${SUSONG_KEYCLOAK_IMAGE:-susong/keycloak:local}
BASE=${SUSONG_KEYCLOAK_BASE_IMAGE:-susong/jre21:local}
VERSION=$(sed -n 's/.*String VERSION = "\([^"]*\)".*/\1/p' infra/local/src/main/java/org/susong/infra/local/KeycloakProcess.java)
[[ -n $VERSION ]] || { log "cannot read Keycloak's version from KeycloakProcess.java"; exit 1; }
recipe_hash=$( { cat "$0" infra/keycloak/Dockerfile; echo "keycloak $VERSION"; } | sha256sum | cut -c1-12)
CACHE_FILE="$SUSONG_IMAGE_CACHE/susong-keycloak-$VERSION-$recipe_hash.tar.gz"
start=$(date +%s)

if [[ "${SUSONG_BASE_REBUILD:-0}" != 1 ]] && image_from_cache "$IMAGE" "$recipe_hash" "$CACHE_FILE"; then
  echo "$IMAGE"; exit 0
fi

SUSONG_BASE_IMAGE=$BASE infra/docker/build-base-image.sh 21 >/dev/null

context=$(mktemp -d "${TMPDIR:-/tmp}/susong-keycloak-image.XXXXXX")
trap 'rm -rf "$context"' EXIT
t0=$(date +%s)
# as KeycloakProcess.ensureDistribution: the wrapper's dependency plugin, the zip from ~/.m2 when present
if ! ./mvnw -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
      "-Dartifact=org.keycloak:keycloak-quarkus-dist:$VERSION:zip" -Dmdep.overWriteReleases=true \
      "-DoutputDirectory=$context" >&2 || [[ ! -x $context/keycloak-$VERSION/bin/kc.sh ]]; then
  log "unpacking org.keycloak:keycloak-quarkus-dist:$VERSION:zip failed"; exit 1
fi
cp infra/keycloak/Dockerfile "$context/Dockerfile"
log "distribution $VERSION unpacked in $(( $(date +%s) - t0 )) s; building $IMAGE on $BASE"
t0=$(date +%s)
if ! out=$(docker build --pull=false --build-arg "BASE_IMAGE=$BASE" --build-arg "KEYCLOAK_VERSION=$VERSION" \
    --label "org.susong.recipe=$recipe_hash" -t "$IMAGE" "$context" 2>&1); then
  echo "$out" >&2; log "building $IMAGE failed"; exit 1
fi
log "built in $(( $(date +%s) - t0 )) s ($(( $(date +%s) - start )) s in all); $(image_size "$IMAGE")"
image_to_cache "$IMAGE" "$CACHE_FILE" susong-keycloak
echo "$IMAGE"
