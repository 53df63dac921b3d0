#!/usr/bin/env bash
# Builds a Java runtime base image without any image registry: Debian (+ updates, + security) from this
# machine's apt mirrors, made with mmdebstrap and piped into `docker import`. Contents: the JRE, ca-certificates,
# bash, the non-root user susong (uid/gid 10001). Two kinds:
#   17 (default): Debian bookworm + openjdk-17-jre-headless -> susong/jre17:local, the services' and the infra's base
#   21:           Debian trixie + openjdk-21-jre-headless   -> susong/jre21:local, Keycloak's (it needs Java 21+,
#                 which bookworm does not have; infra/docker/build-keycloak-image.sh)
#
# Cached as a gzipped `docker save` outside the git tree (infra/docker/image-cache.sh); when the cache file exists it
# is loaded (no network needed). The cache file name carries a hash of this script and the kind, so editing the
# recipe builds a fresh image.
#
#   infra/docker/build-base-image.sh [17|21]      # prints the image name on the last line
#
# Environment:
#   SUSONG_BASE_IMAGE     image name            (default susong/jre<kind>:local)
#   SUSONG_IMAGE_CACHE    cache folder          (default $HOME/.cache/susong/images)
#   SUSONG_DEBIAN_MIRROR / SUSONG_SECURITY_MIRROR   override the mirrors read from /etc/apt
#   SUSONG_BASE_REBUILD=1 ignore the cache and the existing image
set -euo pipefail
log() { echo "[base-image] $*" >&2; }
. "$(dirname "$0")/image-cache.sh"

JAVA=${1:-17}
case "$JAVA" in
  17) SUITE=bookworm ;;
  21) SUITE=trixie ;;
  *) log "usage: $0 [17|21]"; exit 2 ;;
esac
IMAGE=${SUSONG_BASE_IMAGE:-susong/jre$JAVA:local}
recipe_hash=$( { cat "$0"; echo "java $JAVA"; } | sha256sum | cut -c1-12)
CACHE_FILE="$SUSONG_IMAGE_CACHE/susong-jre$JAVA-$SUITE-$recipe_hash.tar.gz"
start=$(date +%s)

if [[ "${SUSONG_BASE_REBUILD:-0}" != 1 ]] && image_from_cache "$IMAGE" "$recipe_hash" "$CACHE_FILE"; then
  echo "$IMAGE"; exit 0
fi

command -v mmdebstrap >/dev/null || { log "mmdebstrap is missing (apt-get install -y mmdebstrap)"; exit 1; }

# The machine's Debian mirrors (one-line and deb822 sources; comments ignored).
sources() { cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
              | sed -e 's/#.*//' | grep -oE 'https?://[^ ]+' || true; }
mirror=${SUSONG_DEBIAN_MIRROR:-$(sources | grep -E '/debian/?$' | head -1)}
security=${SUSONG_SECURITY_MIRROR:-$(sources | grep -E '/debian-security/?$' | head -1)}
mirror=${mirror:-http://deb.debian.org/debian}
security=${security:-http://deb.debian.org/debian-security}
log "building $IMAGE from $mirror ($SUITE, $SUITE-updates) and $security ($SUITE-security)"

JAVA_HOME=/usr/lib/jvm/java-$JAVA-openjdk-$(dpkg --print-architecture)
attempt=1
while :; do
  # pipefail: a failed mmdebstrap must not import a half-written or empty image
  if mmdebstrap --quiet --variant=minbase --mode=root \
       --include="openjdk-$JAVA-jre-headless,ca-certificates,bash,passwd" \
       --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
       --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*' \
       --dpkgopt='path-exclude=/usr/share/info/*' \
       --setup-hook='mkdir -p "$1/usr/share/man/man1"' \
       --customize-hook='chroot "$1" groupadd --system --gid 10001 susong' \
       --customize-hook='chroot "$1" useradd --system --uid 10001 --gid 10001 --home-dir /home/susong --create-home --shell /bin/bash susong' \
       --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/*.log "$1"/tmp/*' \
       "$SUITE" - \
       "deb $mirror $SUITE main" "deb $mirror $SUITE-updates main" "deb $security $SUITE-security main" \
     | docker import \
       --change "ENV JAVA_HOME=$JAVA_HOME" \
       --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
       --change 'ENV LANG=C.UTF-8' \
       --change "LABEL org.susong.recipe=$recipe_hash" \
       --change 'USER 10001' \
       --change 'WORKDIR /home/susong' \
       --change 'CMD ["bash"]' \
       - "$IMAGE" >&2; then
    break
  fi
  if (( attempt >= 3 )); then
    log "mmdebstrap | docker import failed $attempt times; giving up"; exit 1
  fi
  log "attempt $attempt failed (mirror unreachable?); retrying in $(( attempt * 10 )) s"
  sleep $(( attempt * 10 )); attempt=$(( attempt + 1 ))
done
built=$(( $(date +%s) - start ))
docker run --rm --user 10001 "$IMAGE" java -version >&2
log "built in $built s; $(image_size "$IMAGE")"
image_to_cache "$IMAGE" "$CACHE_FILE" "susong-jre$JAVA-$SUITE"
echo "$IMAGE"
