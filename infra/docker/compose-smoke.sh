#!/usr/bin/env bash
# Compose smoke test on local images: docker-compose.yml + docker-compose.local.yml up (services
# built on the local base image, local profile with OIDC on and the header stub off, Keycloak from
# susong/keycloak:local), Keycloak and all five services healthy (the images' HEALTHCHECK, on the
# management interfaces) and the portal (its HEALTHCHECK on 8080: prod profile, no development sign-in, Keycloak's
# sign-in, its evaluation read model on), then over the published ports: no token and a forged X-User answer 401,
# demo users' tokens from Keycloak (issuer http://keycloak:8080/realms/susong) answer 200, the portal sends a visitor
# without a session to Keycloak and officer-huli signs in there (code flow) to its page and the evaluation, and one B3a
# application of the applicant-huli demo user reaches PAID and the portal's evaluation read model counts it; then
# down with volumes and the built
# images removed - also when a step fails (trap). Needs the local images
# (infra/docker/build-images.sh) and a Docker engine.
#
#   infra/docker/compose-smoke.sh
# Environment: COMPOSE (default docker-compose), SUSONG_SMOKE_TIMEOUT (s per wait, default 300: Keycloak, then the
# services, which wait for it).
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0
COMPOSE=${COMPOSE:-docker-compose}
PROJECT=susong-smoke
TIMEOUT=${SUSONG_SMOKE_TIMEOUT:-300}
SERVICES=(applications eligibility payments tech-contracts fund-investments)
log() { echo "[compose-smoke $(date +%H:%M:%S)] $*" >&2; }
dc() { $COMPOSE -p "$PROJECT" -f docker-compose.yml -f docker-compose.local.yml "$@"; }

# published ports: the defaults 8081-8085 unless taken on this machine, then free ones
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
declare -A PORT
default=8081
for s in "${SERVICES[@]}"; do
  var=$(echo "$s" | tr 'a-z-' 'A-Z_')_PORT
  p=${!var:-$default}
  if ! port_free "$p"; then
    p=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    log "port $default is taken here; publishing $s on $p"
  fi
  export "$var=$p"; PORT[$s]=$p; default=$((default + 1))
done
# the portal on 8080 unless taken (./platform run's portal holds it), then a free one
PORTAL_PORT=${PORTAL_PORT:-8080}
if ! port_free "$PORTAL_PORT"; then
  PORTAL_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  log "port 8080 is taken here; publishing the portal on $PORTAL_PORT"
fi
export PORTAL_PORT
# Keycloak on a free port, never 8180, which ./platform run --with-idp may hold
KEYCLOAK_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export KEYCLOAK_PORT

ok=0
cleanup() {
  rm -f "${jar:-}"
  if [[ $ok != 1 ]]; then
    log "FAILED; container states and the last log lines follow"
    dc ps || true
    dc logs --no-color --tail=60 || true
  fi
  log "down (containers, network, volumes, built images)"
  timeout 180 $COMPOSE -p "$PROJECT" -f docker-compose.yml -f docker-compose.local.yml \
    down --volumes --remove-orphans --rmi local --timeout 20 >&2 || log "down failed"
}
trap cleanup EXIT

# docker-compose.yml interpolates the MongoDB passwords from .env (made once, git-ignored); the local
# override's store (mongo-java-server, no authentication) does not use them, so this smoke test does not
# exercise the MongoDB users - only the official mongo image does
infra/docker/compose-secrets.sh
log "config check (docker-compose $($COMPOSE version --short 2>/dev/null || echo ?))"
dc config -q
# the second replicas of every service (profile replicas, issue 15) must read too; not started here
dc --profile replicas config -q
log "build (the five services and the portal on the local base image)"
tb=$(date +%s)
timeout 600 "$COMPOSE" -p "$PROJECT" -f docker-compose.yml -f docker-compose.local.yml build --quiet >&2
log "built in $(( $(date +%s) - tb )) s; up (returns once the services are created, after the infra and Keycloak are healthy)"
t0=$(date +%s%N)
timeout 600 "$COMPOSE" -p "$PROJECT" -f docker-compose.yml -f docker-compose.local.yml up -d --no-build --no-color >&2

json() { python3 -c 'import json,sys
try: print(json.load(sys.stdin).get(sys.argv[1]) or "")
except Exception: print("")' "$1"; }
elapsed() { echo "$(( ($(date +%s%N) - $1) / 1000000 ))"; }
health() { docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$1" 2>/dev/null || echo missing; }
deadline=$(( $(date +%s) + TIMEOUT ))
pending=(keycloak "${SERVICES[@]}" portal)
while (( ${#pending[@]} )); do
  still=()
  for s in "${pending[@]}"; do
    id=$(dc ps -q "$s")
    if [[ -n $id && $(health "$id") == healthy ]]; then
      log "$(printf '%-17s healthy %6d ms after up' "$s" "$(elapsed "$t0")")"
    else
      still+=("$s")
    fi
  done
  pending=("${still[@]+"${still[@]}"}")
  (( ${#pending[@]} == 0 )) && break
  (( $(date +%s) < deadline )) || { log "not healthy after ${TIMEOUT} s: ${pending[*]}"; exit 1; }
  sleep 1
done

kc=$(dc ps -q keycloak)
log "all healthy $(elapsed "$t0") ms after up (the services seed themselves); keycloak $(docker logs "$kc" 2>&1 \
  | grep -o 'started in [0-9.]*s' | head -1), resident $(docker exec "$kc" bash -c \
  'cat /proc/[0-9]*/status 2>/dev/null' | awk '/^VmRSS/ {kb += $2} END {printf "%d MB", kb / 1024}')"

# tokens of the realm's demo users (portal client, password grant), from the host
env_value() { grep "^$1=" .env | cut -d= -f2-; }
token() {
  curl -s --max-time 10 -d grant_type=password -d client_id=susong-portal -d scope=openid \
    --data-urlencode "client_secret=$(env_value SUSONG_PORTAL_CLIENT_SECRET)" --data-urlencode "username=$1" \
    --data-urlencode "password=$(env_value SUSONG_DEMO_PASSWORD)" \
    "http://127.0.0.1:$KEYCLOAK_PORT/realms/susong/protocol/openid-connect/token" | json access_token
}
claim() { python3 -c 'import base64,json,sys
p=sys.argv[1].split(".")[1]; print(json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4))).get(sys.argv[2]))' "$1" "$2"; }
A=http://127.0.0.1:${PORT[applications]}
JSON=(-H 'Content-Type: application/json' --max-time 10)
OFFICER=$(token officer-huli)
[[ -n $OFFICER ]] || { log "Keycloak issued no token to officer-huli"; exit 1; }
issuer=$(claim "$OFFICER" iss)
[[ $issuer == http://keycloak:8080/realms/susong ]] || { log "the token's issuer is $issuer"; exit 1; }
log "officer-huli's token from localhost:$KEYCLOAK_PORT carries the issuer $issuer"

# on every service's audit (auditors and admins): no token, or the header stub's headers forged, answer 401
# problem+json; admin-huli's token 200
ADMIN=$(token admin-huli)
for s in "${SERVICES[@]}"; do
  u=http://127.0.0.1:${PORT[$s]}/admin/audit
  none=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$u")
  forged=$(curl -s -o /dev/null -w '%{http_code} %{content_type}' --max-time 10 -H 'X-User: compose-smoke' \
    -H 'X-Roles: admin,auditor' -H 'X-District: HULI' "$u")
  real=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -H "Authorization: Bearer $ADMIN" "$u")
  [[ $none == 401 && $forged == "401 application/problem+json"* && $real == 200 ]] \
    || { log "$s: GET /admin/audit answered $none without a token, $forged with a forged X-User, $real with a token"; exit 1; }
done
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $OFFICER" "$A/applications")
[[ $code == 200 ]] || { log "GET /applications with officer-huli's token answered $code"; exit 1; }
log "all five: no token and a forged X-User 401, admin-huli's token 200; officer-huli lists applications: 200"

# the portal (prod profile, Keycloak's sign-in on): healthy above and ready; no development sign-in (404); a page without
# a session, also with the header stub's headers and a forged person cookie, goes to /login, which sends the browser to
# Keycloak's authorization endpoint (the realm's client portal, PKCE)
P=http://127.0.0.1:$PORTAL_PORT
ready=$(curl -s --max-time 10 "$P/q/health/ready" | json status)
home=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' --max-time 10 "$P/")
signin=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$P/sign-in")
forged=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' --max-time 10 -H 'X-User: compose-smoke' -H 'X-Roles: officer' \
  -H 'X-District: HULI' -b 'susong_person=forged' "$P/officer/applications")
[[ $ready == UP && $home == "303 $P/login" && $signin == 404 && $forged == "303 $P/login" ]] \
  || { log "portal: ready $ready, / answered $home, /sign-in $signin, a forged person on /officer/applications $forged"; exit 1; }
jar=$(mktemp)
authorize=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' --max-time 10 -c "$jar" -b "$jar" "$P/login")
[[ $authorize == "302 http://keycloak:8080/realms/susong/protocol/openid-connect/auth?"* && $authorize == *client_id=portal* \
  && $authorize == *code_challenge=* && $authorize == *response_type=code* ]] \
  || { log "portal: /login answered $authorize, not the code flow's redirect to Keycloak"; exit 1; }
log "portal: ready, no development sign-in (404), / and a forged person to /login, /login to Keycloak's sign-in"

# officer-huli signs in at Keycloak the way a browser does (the provider's address keycloak:8080 is the published port
# here), comes back with the code, and reads its page and the evaluation (its read model on, its district)
kc_host() { sed "s#http://keycloak:8080#http://127.0.0.1:$KEYCLOAK_PORT#; s#&amp;#\&#g"; }
form=$(curl -s --max-time 10 -c "$jar" -b "$jar" "$(cut -d' ' -f2- <<<"$authorize" | kc_host)")
action=$(grep -o 'action="[^"]*"' <<<"$form" | head -1 | cut -d'"' -f2 | kc_host)
[[ -n $action ]] || { log "Keycloak's sign-in page has no form"; exit 1; }
back=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' --max-time 10 -c "$jar" -b "$jar" \
  --data-urlencode username=officer-huli --data-urlencode "password=$(env_value SUSONG_DEMO_PASSWORD)" "$action")
[[ $back == "302 $P/login?"*code=* ]] || { log "Keycloak answered the sign-in with $back"; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -c "$jar" -b "$jar" -L "$(cut -d' ' -f2- <<<"$back")")
page=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -b "$jar" "$P/officer/applications")
evaluation=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -b "$jar" "$P/evaluation")
[[ $code == 200 && $page == 200 && $evaluation == 200 ]] \
  || { log "portal after officer-huli's sign-in: the way back $code, /officer/applications $page, /evaluation $evaluation"; exit 1; }
log "portal: officer-huli signed in at Keycloak (code flow); /officer/applications and /evaluation 200"

# the demo applicant registers itself with a bank account (its token's uscc); the first account is approved by
# the district's officer (maker-checker, issue 23 item 4) and takes effect after the local profile's 5 s cooling-off
uscc=91350200MA31G8Q17K
APPLICANT=$(token applicant-huli)
AH=("${JSON[@]}" -H "Authorization: Bearer $APPLICANT")
OH=("${JSON[@]}" -H "Authorization: Bearer $OFFICER")
code=$(curl -s -o /dev/null -w '%{http_code}' "${AH[@]}" \
  -d "{\"uscc\":\"$uscc\",\"name\":\"Xiamen Marine Sensors Co., Ltd.\",\"type\":\"ENTERPRISE\",\"district\":\"Huli\",\"bankAccount\":{\"accountName\":\"Xiamen Marine Sensors Co., Ltd.\",\"accountNumber\":\"6222000000000001\",\"bankCode\":\"102393000019\"}}" "$A/applicants")
[[ $code == 201 ]] || { log "registering the applicant answered $code"; exit 1; }
change=$(curl -s "${OH[@]}" "$A/applicants/$uscc" | python3 -c 'import json,sys
print((json.load(sys.stdin).get("pendingBankAccountChange") or {}).get("id") or "")')
[[ -n $change ]] || { log "the applicant has no pending bank account change"; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' "${OH[@]}" -X POST "$A/applicants/$uscc/bank-account-changes/$change/approval")
[[ $code == 200 ]] || { log "approving the first bank account answered $code"; exit 1; }
until [[ -n $(curl -s "${OH[@]}" "$A/applicants/$uscc" | json bankAccount) ]]; do
  (( $(date +%s) < deadline + 60 )) || { log "the bank account did not take effect"; exit 1; }
  sleep 1
done
log "bank account approved by officer-huli and effective"

# B3a (10% of the investment in Xiamen, placeholder): 300,000 CNY, approved and paid without an officer. Not B1: a B1
# certificate must be on an imported certification list (issue 16 item 3), whose enterprises are awarded without applying
body="{\"applicantUscc\":\"$uscc\",\"measureCode\":\"B3a\",\"facts\":{\"projectNumber\":\"SMOKE$(date +%s%N | tail -c 11)\",\"projectName\":\"Compose smoke project\",\"resultSource\":\"NATIONAL_KEY_RD\",\"investmentInXiamenFen\":300000000}}"
t1=$(date +%s%N)
id=
until [[ -n $id ]]; do # the measure catalogue reaches applications asynchronously after the seed
  response=$(curl -s "${AH[@]}" -H 'Idempotency-Key: compose-smoke-1' -d "$body" "$A/applications" || true)
  id=$(json id <<<"$response")
  [[ -n $id ]] && break
  (( $(date +%s) < deadline + 60 )) || { log "the application was not accepted: $response"; exit 1; }
  sleep 1
done
log "application $id submitted by applicant-huli"
status=
until [[ $status == PAID ]]; do
  status=$(curl -s "${AH[@]}" "$A/applications/$id" | json status)
  if (( $(elapsed "$t1") > 120000 )); then log "application $id is $status, not PAID, after 120 s"; exit 1; fi
  [[ $status == PAID ]] || sleep 0.5
done
log "application $id PAID $(elapsed "$t1") ms after submission"

# the portal's evaluation read model (group portal on the five *.events topics, its own database) counts it: the
# evaluation's CSV, as officer-huli (district HULI), has a paid B3a application
paid=0
until (( paid >= 1 )); do
  paid=$(curl -s --max-time 10 -b "$jar" "$P/evaluation/export.csv" | python3 -c 'import csv,sys
rows=[r for r in csv.DictReader(sys.stdin.read().lstrip("\ufeff").splitlines()) if r.get("measure") == "B3a"]
print(sum(int(r.get("paidApplications") or 0) for r in rows))' 2>/dev/null || echo 0)
  (( paid >= 1 )) && break
  if (( $(elapsed "$t1") > 180000 )); then log "the portal's evaluation counts no paid B3a application"; exit 1; fi
  sleep 1
done
log "portal: the evaluation read model counts the paid B3a application $(elapsed "$t1") ms after submission"
rm -f "$jar"
ok=1
log "PASSED"
