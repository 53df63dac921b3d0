#!/usr/bin/env bash
# docker-compose.yml's kafka-topics, first step: one SCRAM-SHA-512 user per service and one for the reference portal
# (its evaluation read model's consumer) on the SASL broker, made as its admin, with the password
# SUSONG_KAFKA_<SERVICE>_PASSWORD (.env, infra/docker/compose-secrets.sh). Idempotent: an
# existing user gets the current password. The same principals and mechanism as ./platform run's broker
# (infra/local BrokerCredentials, BrokerAccess.SCRAM_ITERATIONS).
set -euo pipefail
here=$(dirname "$0")
bootstrap=${BOOTSTRAP:-kafka:9092}
kafka_configs=${KAFKA_CONFIGS:-/opt/kafka/bin/kafka-configs.sh}
for service in applications eligibility payments tech-contracts fund-investments portal; do
  var="SUSONG_KAFKA_$(echo "$service" | tr 'a-z-' 'A-Z_')_PASSWORD"
  password=${!var:?"$var is not set: run infra/docker/compose-secrets.sh"}
  bash "$here/as-admin.sh" "$kafka_configs" --bootstrap-server "$bootstrap" --alter --entity-type users \
    --entity-name "$service" --add-config "SCRAM-SHA-512=[iterations=8192,password=$password]"
done
echo "SCRAM users of the five services and the portal in place"
