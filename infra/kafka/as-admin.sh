#!/usr/bin/env bash
# Runs a Kafka command-line tool as the broker's admin of docker-compose.yml (SASL PLAIN, password from
# SUSONG_KAFKA_ADMIN_PASSWORD): the client settings go to a private temporary file, appended as --command-config.
#   bash as-admin.sh /opt/kafka/bin/kafka-topics.sh --bootstrap-server kafka:9092 --list
set -euo pipefail
: "${SUSONG_KAFKA_ADMIN_PASSWORD:?SUSONG_KAFKA_ADMIN_PASSWORD is not set: run infra/docker/compose-secrets.sh}"
umask 077
config=$(mktemp)
trap 'rm -f "$config"' EXIT
printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="%s";\n' \
  "$SUSONG_KAFKA_ADMIN_PASSWORD" > "$config"
"$@" --command-config "$config"
