#!/usr/bin/env bash
# Lints OpenAPI documents with Spectral (@stoplight/spectral-cli, pinned below) against infra/api/spectral.yaml
# (issue 24 item 2). Run by every service's Maven `verify` on its target/openapi/openapi.json (written by the Quarkus
# build); by hand: infra/api/lint.sh services/*/target/openapi/openapi.json
# Spectral is installed once into ~/.cache/susong/spectral-<version> from the npm registry (needs node and npm;
# .ci/run installs them when missing), so later runs start it in about two seconds.
set -euo pipefail
VERSION=6.16.3
here="$(cd "$(dirname "$0")" && pwd)"
cache="${SUSONG_CACHE:-$HOME/.cache/susong}/spectral-$VERSION"
bin="$cache/node_modules/.bin/spectral"
if [[ ! -x $bin ]]; then
  command -v npm >/dev/null 2>&1 || { echo "infra/api/lint.sh: npm is needed (apt-get install nodejs npm)" >&2; exit 2; }
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --loglevel=error "@stoplight/spectral-cli@$VERSION" >&2
fi
(( $# > 0 )) || { echo "usage: infra/api/lint.sh openapi.json..." >&2; exit 2; }
for doc in "$@"; do
  [[ -f $doc ]] || { echo "infra/api/lint.sh: $doc does not exist (was the service built?)" >&2; exit 2; }
done
exec "$bin" lint --ruleset "$here/spectral.yaml" --fail-severity error --display-only-failures "$@"
