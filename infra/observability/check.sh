#!/usr/bin/env bash
# Checks Susong's alert rules, their unit tests, the dashboards' queries and the local Prometheus configuration
# with Debian's promtool (fetched once by promtool.sh, no system change), then check.py: generated files current,
# only metrics that a scrape of the platform showed (exposed-metrics.txt) or a listed exporter publishes, and a
# severity, summary and runbook anchor per alert. Called by .ci/run; a few seconds once promtool is cached.
set -euo pipefail
cd "$(dirname "$0")"
start=$(date +%s)
bin=$(./promtool.sh)
"$bin/promtool" check rules rules/susong-alerts.yml rules/dashboards.generated.yml
"$bin/promtool" check config prometheus-local.yml
"$bin/promtool" test rules tests/susong-alerts.test.yml
if ! command -v python3 >/dev/null 2>&1; then
  apt-get install -y -qq python3-minimal >/dev/null
fi
python3 check.py selftest
python3 check.py check
echo "observability checks passed in $(( $(date +%s) - start )) s ($("$bin/promtool" --version 2>&1 | head -1))"
