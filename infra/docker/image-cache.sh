# Sourced by build-base-image.sh and build-keycloak-image.sh: an image made here without a registry carries the
# label org.susong.recipe=<hash of what made it> and is kept as a gzipped `docker save` whose file name holds the
# same hash, so a changed recipe builds afresh and an unchanged one is loaded (no network) or found in the engine.
# The caller defines log() and runs with `set -euo pipefail`.
SUSONG_IMAGE_CACHE=${SUSONG_IMAGE_CACHE:-$HOME/.cache/susong/images}

# image_from_cache IMAGE RECIPE CACHE_FILE: succeeds when the engine holds IMAGE made by RECIPE, or after loading
# CACHE_FILE; fails (and drops an unreadable CACHE_FILE) when IMAGE has to be built.
image_from_cache() {
  local image=$1 recipe=$2 file=$3 t0
  t0=$(date +%s)
  if docker image inspect "$image" >/dev/null 2>&1 \
      && [[ "$(docker image inspect -f '{{index .Config.Labels "org.susong.recipe"}}' "$image")" == "$recipe" ]]; then
    log "$image already present (recipe $recipe)"
    return 0
  fi
  if [[ -s "$file" ]]; then
    log "loading $image from $file"
    if gzip -dc "$file" | docker load >&2; then
      log "loaded in $(( $(date +%s) - t0 )) s"
      return 0
    fi
    log "the cache file is unreadable; removing it and building afresh"
    rm -f "$file"
  fi
  return 1
}

# image_to_cache IMAGE CACHE_FILE OLD_PREFIX: saves IMAGE as CACHE_FILE, removing the cache files of older recipes
# (OLD_PREFIX-*.tar.gz in the same folder).
image_to_cache() {
  local image=$1 file=$2 prefix=$3 t0
  t0=$(date +%s)
  mkdir -p "$(dirname "$file")"
  rm -f "$(dirname "$file")/$prefix"-*.tar.gz
  docker save "$image" | gzip -1 > "$file.part"
  mv "$file.part" "$file"
  log "cached as $file ($(du -h "$file" | cut -f1)) in $(( $(date +%s) - t0 )) s"
}

# image_size IMAGE: its size in MB, for the logs
image_size() {
  docker image inspect -f '{{.Size}}' "$1" | awk '{printf "%.0f MB", $1/1e6}'
}
