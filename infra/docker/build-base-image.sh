#!/usr/bin/env bash
# Builds the Java 17 runtime base image without any image registry: Debian bookworm (+ updates,
# + security) from this machine's apt sources, made with mmdebstrap and piped into `docker import`.
# Contents: openjdk-17-jre-headless, ca-certificates, bash, the non-root user susong (uid/gid 10001).
#
# Cached as a gzipped `docker save` outside the git tree; when the cache file exists it is loaded
# (no network needed). The cache file name carries a hash of this script, so editing the recipe
# builds a fresh image.
#
#   infra/docker/build-base-image.sh            # prints the image name on the last line
#
# Environment:
#   SUSONG_BASE_IMAGE     image name            (default susong/jre17:local)
#   SUSONG_IMAGE_CACHE    cache folder          (default $HOME/.cache/susong/images)
#   SUSONG_DEBIAN_MIRROR / SUSONG_SECURITY_MIRROR   override the mirrors read from /etc/apt
#   SUSONG_BASE_REBUILD=1 ignore the cache and the existing image
set -euo pipefail

IMAGE=${SUSONG_BASE_IMAGE:-susong/jre17:local}
CACHE_DIR=${SUSONG_IMAGE_CACHE:-$HOME/.cache/susong/images}
SUITE=bookworm
recipe_hash=$(sha256sum "$0" | cut -c1-12)
CACHE_FILE="$CACHE_DIR/susong-jre17-$SUITE-$recipe_hash.tar.gz"

log() { echo "[base-image] $*" >&2; }
start=$(date +%s)

if [[ "${SUSONG_BASE_REBUILD:-0}" != 1 ]]; then
  if docker image inspect "$IMAGE" >/dev/null 2>&1 \
      && [[ "$(docker image inspect -f '{{index .Config.Labels "org.susong.recipe"}}' "$IMAGE")" == "$recipe_hash" ]]; then
    log "$IMAGE already present (recipe $recipe_hash)"
    echo "$IMAGE"; exit 0
  fi
  if [[ -s "$CACHE_FILE" ]]; then
    log "loading $IMAGE from $CACHE_FILE"
    if gzip -dc "$CACHE_FILE" | docker load >&2; then
      log "loaded in $(( $(date +%s) - start )) s"
      echo "$IMAGE"; exit 0
    fi
    log "the cache file is unreadable; removing it and building afresh"
    rm -f "$CACHE_FILE"
  fi
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

JAVA_HOME=/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)
attempt=1
while :; do
  # pipefail: a failed mmdebstrap must not import a half-written or empty image
  if mmdebstrap --quiet --variant=minbase --mode=root \
       --include=openjdk-17-jre-headless,ca-certificates,bash \
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
log "built in $built s; $(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}')"

mkdir -p "$CACHE_DIR"
rm -f "$CACHE_DIR"/susong-jre17-$SUITE-*.tar.gz
docker save "$IMAGE" | gzip -1 > "$CACHE_FILE.part"
mv "$CACHE_FILE.part" "$CACHE_FILE"
log "cached as $CACHE_FILE ($(du -h "$CACHE_FILE" | cut -f1)) in $(( $(date +%s) - start - built )) s"
echo "$IMAGE"
