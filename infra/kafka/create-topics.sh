#!/usr/bin/env bash
# Creates the topics of the catalogue (services/commons/.../topics.properties) on a Kafka cluster
# whose auto-creation is off. Idempotent. Used by docker-compose; any cluster admin can run it:
#   BOOTSTRAP=kafka:9092 REPLICATION=3 ./create-topics.sh topics.properties
# KAFKA_TOPICS is the kafka-topics command, words split (e.g. "bash as-admin.sh /opt/kafka/bin/kafka-topics.sh" on a
# SASL broker, as docker-compose.yml does).
set -euo pipefail
catalogue=${1:-/catalogue/topics.properties}
bootstrap=${BOOTSTRAP:-kafka:9092}
replication=${REPLICATION:-1}
read -ra kafka_topics <<< "${KAFKA_TOPICS:-/opt/kafka/bin/kafka-topics.sh}"

grep -Ev '^[[:space:]]*(#|$)' "$catalogue" | while IFS='=' read -r name spec; do
  name=$(echo "$name" | xargs)
  partitions=$(echo "$spec" | cut -d, -f1 | xargs)
  retention=$(echo "$spec" | cut -d, -f2 | xargs)
  "${kafka_topics[@]}" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor "$replication" --config "retention.ms=$retention"
done
echo "topics created from $catalogue"
