#!/usr/bin/env bash
# Runs the local infra as PID 1 (so `docker stop` reaches its shutdown hook: broker, then store)
# and copies its output to /tmp/infra.log, which the healthcheck reads for the READY line.
set -euo pipefail
rm -f /tmp/infra.log
exec java $JAVA_OPTS -Dorg.slf4j.simpleLogger.defaultLogLevel="${SUSONG_INFRA_LOG_LEVEL:-warn}" \
  -cp "/opt/susong/infra/*:/opt/susong/infra/lib/*" org.susong.infra.local.LocalInfra "$@" \
  > >(exec tee -a /tmp/infra.log) 2>&1
