#!/usr/bin/env bash
# Writes the secrets docker-compose.yml interpolates into .env (mode 600, git-ignored), once: the MongoDB
# root password, one password per service and the portal (each user may use its own database only, issue 13),
# the replica set's key file, the Kafka admin's, each service's and the portal's SASL password, the field-encryption
# key, and Keycloak's secrets (among them the portal client's, which the portal signs people in with).
# Keys already in .env keep their values; missing ones are added.
#
#   infra/docker/compose-secrets.sh && docker compose up --build
set -euo pipefail
cd "$(dirname "$0")/../.."
env_file=.env
umask 077
touch "$env_file"
chmod 600 "$env_file"
random() { head -c "$1" /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '='; }
add() {
  if ! grep -q "^$1=" "$env_file"; then
    echo "$1=$2" >> "$env_file"
    echo "compose-secrets: generated $1" >&2
  fi
}
add SUSONG_MONGO_ROOT_PASSWORD "$(random 24)"
# the portal's: its evaluation read model's database (portal) and broker user (portal)
for service in applications eligibility payments tech-contracts fund-investments portal; do
  add "SUSONG_MONGO_$(echo "$service" | tr 'a-z-' 'A-Z_')_PASSWORD" "$(random 24)"
done
# the replica set's internal authentication (mongod needs a key file once authorisation is on): base64, <= 1024 chars
add SUSONG_MONGO_KEYFILE "$(head -c 756 /dev/urandom | base64 -w0)"
# Kafka (SASL): the broker's admin (PLAIN, the broker itself and kafka-topics) and one SCRAM user per service
add SUSONG_KAFKA_ADMIN_PASSWORD "$(random 24)"
for service in applications eligibility payments tech-contracts fund-investments portal; do
  add "SUSONG_KAFKA_$(echo "$service" | tr 'a-z-' 'A-Z_')_PASSWORD" "$(random 24)"
done
# the key that seals payee account numbers between applications and payments (issue 23 item 11): standard base64
# of 32 random bytes; to rotate, add a K2, make it active in docker-compose.yml, and keep K1 for reading
add SUSONG_CRYPTO_KEY_K1 "$(head -c 32 /dev/urandom | base64 -w0)"
# Keycloak: its master admin, and the placeholders of infra/keycloak/susong-realm.json (client secrets, demo users' password)
add SUSONG_KEYCLOAK_ADMIN_PASSWORD "$(random 24)"
add SUSONG_PORTAL_CLIENT_SECRET "$(random 24)"
add SUSONG_OPS_CLIENT_SECRET "$(random 24)"
# the realm's confidential client "portal" (authorization-code flow): the portal also seals its sign-in state with it,
# which needs at least 32 characters (43 here)
add SUSONG_PORTAL_WEB_CLIENT_SECRET "$(random 32)"
add SUSONG_DEMO_PASSWORD "$(random 18)"
