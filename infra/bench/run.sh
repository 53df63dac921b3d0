#!/usr/bin/env bash
# The end-to-end load harness (issue 14), against a running ./platform run (or ./platform run --memory-store).
#   infra/bench/run.sh --applications=600               one burst of 600 A4 applications from 16 client threads
#   infra/bench/run.sh --rate=4 --seconds=60            open loop: 4 applications/s on a fixed schedule for 60 s
#   infra/bench/run.sh --contract-year=2023             the 2023 contract year through tech-contracts' bulk endpoint
# Prints the figures (docs/benchmarks.md); --help for every option. Builds the harness on first use (package only).
set -euo pipefail
cd "$(dirname "$0")/../.."
infra_jar=infra/local/target/susong-infra-local-0.1.0-SNAPSHOT.jar
testing_jar=infra/testing/target/susong-testing-0.1.0-SNAPSHOT.jar
if [ ! -f "$infra_jar" ] || [ ! -f "$testing_jar" ] || [ ! -d infra/bench/target/classes/org/susong/bench ] || [ ! -d infra/bench/target/lib ]; then
  echo "building the harness (infra/local, infra/testing and infra/bench, package only) ..." >&2
  ./mvnw -q -B -DskipTests -pl infra/bench -am package > /tmp/susong-bench-build.log 2>&1 \
    || { echo "The build failed; see /tmp/susong-bench-build.log." >&2; exit 1; }
fi
exec java -XX:+UseSerialGC -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "infra/bench/target/classes:$testing_jar:$infra_jar:infra/local/target/lib/*:infra/bench/target/lib/*" \
  org.susong.bench.Harness "$@"
