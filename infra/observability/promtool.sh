#!/usr/bin/env bash
# Prints the directory holding Debian's `promtool` and `prometheus` (package `prometheus`, bookworm 2.42),
# fetching them once without changing the system: `apt-get download` + `dpkg -x` into
# ${SUSONG_CACHE:-~/.cache/susong}/prometheus. Falls back to a promtool on PATH, then to apt-get install.
#   infra/observability/promtool.sh            -> prints the bin directory
#   infra/observability/promtool.sh check ...  -> runs promtool with those arguments
set -euo pipefail
cache="${SUSONG_CACHE:-$HOME/.cache/susong}/prometheus"
bin="$cache/root/usr/bin"

fetch() {
  [[ -x $bin/promtool && -x $bin/prometheus ]] && return 0
  mkdir -p "$cache"
  local tmp; tmp=$(mktemp -d "$cache/dl.XXXXXX")
  if command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1; then
    # apt-get download writes into the working directory; _apt cannot write to a root-owned mktemp dir (harmless warning)
    if ! (cd "$tmp" && apt-get download -q prometheus >/dev/null 2>&1); then
      (apt-get update -qq >/dev/null 2>&1 && cd "$tmp" && apt-get download -q prometheus >/dev/null 2>&1) || true
    fi
    local deb; deb=$(ls "$tmp"/prometheus_*.deb 2>/dev/null | head -1 || true)
    if [[ -n $deb ]]; then
      rm -rf "$cache/root" && dpkg -x "$deb" "$cache/root"
    fi
  fi
  rm -rf "$tmp"
  [[ -x $bin/promtool && -x $bin/prometheus ]] && return 0
  if command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1; then
    bin=$(dirname "$(command -v promtool)"); return 0
  fi
  echo "promtool.sh: apt-get download failed; installing the prometheus package instead" >&2
  apt-get install -y -qq prometheus >/dev/null
  bin=$(dirname "$(command -v promtool)")
}

fetch
if (( $# == 0 )); then
  echo "$bin"
else
  exec "$bin/promtool" "$@"
fi
