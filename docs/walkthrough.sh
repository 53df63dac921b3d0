#!/usr/bin/env bash
# The README's walk-through as a script (infra/e2e WalkthroughIT runs it on every build, with the business date set).
# Start the platform on a business date inside the measures' 2024-2026 window, on fresh data:
#   ./platform reset && ./platform run --business-date 2026-06-15
# then, in another shell: docs/walkthrough.sh (needs curl and jq). Ports: APPS, ELIG, PAY, TC, FUNDS (defaults below).
set -euo pipefail
for tool in curl jq; do command -v $tool >/dev/null || { echo "the walk-through needs $tool (e.g. apt-get install $tool)" >&2; exit 2; }; done
APPS=${APPS:-localhost:8081} ELIG=${ELIG:-localhost:8082} PAY=${PAY:-localhost:8083} TC=${TC:-localhost:8084} FUNDS=${FUNDS:-localhost:8085}
# --- walk-through (README "Try it": the same lines) ---
H='-H X-User:officer-1 -H X-Roles:officer -H X-District:Huli -H Content-Type:application/json'
# the platform is asynchronous: await retries a check until it holds (at most 90 s)
await() { for _ in $(seq 180); do if "$@" >/dev/null 2>&1; then return 0; fi; sleep 0.5; done; echo "not within 90 s: $*" >&2; return 1; }
status() { curl -s $H "$APPS/applications/$1" | jq -e --arg s "$2" '.status == $s'; }
# register an applicant (USCC check character verified: a wrong one is answered with the expected one)
USCC=91350200MA31G8Q17K
curl -s $H -d '{"uscc":"'$USCC'","name":"Xiamen Marine Sensors Co., Ltd.","type":"ENTERPRISE","district":"Huli","bankAccount":{"accountName":"Xiamen Marine Sensors Co., Ltd.","accountNumber":"6222000000000001","bankCode":"102393000019"}}' $APPS/applicants; echo
# its first bank account is a change like any other: a second officer approves it (effective after a 5 s cooling-off locally)
CHANGE=$(curl -s $H $APPS/applicants/$USCC | jq -r '.pendingBankAccountChange.id // empty')
[ -z "$CHANGE" ] || curl -s -X POST -H X-User:officer-2 -H X-Roles:officer -H X-District:Huli $APPS/applicants/$USCC/bank-account-changes/$CHANGE/approval; echo
await sh -c "curl -s $H $APPS/applicants/$USCC | jq -e '.bankAccount != null'"
# apply for measure B3a (a national key R&D result transformed in Xiamen, 3,000,000 CNY invested); repeat with the same key = same answer
B3A='{"applicantUscc":"'$USCC'","measureCode":"B3a","facts":{"projectNumber":"2026YFC3510001","projectName":"Marine sensor from a national key R&D project","resultSource":"NATIONAL_KEY_RD","investmentInXiamenFen":300000000}}'
await curl -sf $H -H 'Idempotency-Key: demo-1' -d "$B3A" $APPS/applications   # (right after the start the catalogue may still be on its way)
APP=$(curl -s $H -H 'Idempotency-Key: demo-1' -d "$B3A" $APPS/applications | jq -r .id); echo "application $APP"
# a few seconds later the timeline ends in PAID (decided, reserved, approved, instructed, disbursed)
await status $APP PAID
curl -s $H $APPS/applications/$APP | jq -c '[.status, [.timeline[].kind]]'
curl -s $H $ELIG/decisions/$APP | jq -c '{outcome, amountFen, ruleVersion}'      # the decision with its criteria and rule version
curl -s $H "$PAY/payments?applicationId=$APP" | jq -c '[.items[] | {id, state}]'
curl -s -H X-User:finance-1 -H X-Roles:finance $PAY/budgets/2026 | jq -c '{year, totals}'   # budgets are the finance bureau's (officers: 403)
# register a technology contract (16-digit registration number)
curl -s $H -d '{"title":"Joint development of a marine sensor","type":"DEVELOPMENT","sellerUscc":"'$USCC'","buyerUscc":"91350100M000100Y43","sellerDistrict":"Huli","signingDate":"2026-06-10","contractAmountFen":120000000,"technicalTransactionAmountFen":100000000}' $TC/contracts | jq -c '{id, registrationNumber}'
# its seller is rewarded without applying (B3b): a system-initiated application appears and is paid
await sh -c "curl -s $H '$APPS/applications?applicant=$USCC&measure=B3b' | jq -e '.items | length > 0'"
B3B=$(curl -s $H "$APPS/applications?applicant=$USCC&measure=B3b" | jq -r '.items[0].id'); echo "B3b application $B3B"
await status $B3B PAID
# B1 (high-tech enterprise and other national certifications) is paid from the national lists, without applying (免申即享):
# one administrator imports the 2026 list of high-tech enterprises (CSV), a second approves it (maker-checker)
LIST=$(printf 'uscc,name,certificateNumber,certificationKind\n%s,"Xiamen Marine Sensors Co., Ltd.",GR202635100123,FIRST\n' $USCC | curl -s -H X-User:admin-1 -H X-Roles:admin -H Content-Type:text/csv --data-binary @- $ELIG/admin/certification-lists/HIGH_TECH_ENTERPRISE/2026 | jq -er .importId); echo "list import $LIST"
curl -s -X POST -H X-User:admin-2 -H X-Roles:admin $ELIG/admin/certification-lists/imports/$LIST/approval | jq -c '{listed, proposed, awards: [.results[] | {uscc, award, amountFen}]}'
# every listed enterprise gets a system-initiated B1 application, paid like the others (an application of its own for that certificate would be rejected as a second award)
await sh -c "curl -s $H '$APPS/applications?applicant=$USCC&measure=B1' | jq -e '.items | length > 0'"
B1=$(curl -s $H "$APPS/applications?applicant=$USCC&measure=B1" | jq -r '.items[0].id'); echo "B1 application $B1"
await status $B1 PAID
# a grant-to-investment award (C1) becomes an equity position in FUND-TECH-INNOVATION instead of a transfer
C1=$(curl -s $H -d '{"applicantUscc":"'$USCC'","measureCode":"C1","facts":{"stage":"GROWTH","field":"digitalisation","requestedFen":200000000}}' $APPS/applications | jq -r .id); echo "C1 application $C1"
# 2,000,000 CNY is above the local profile's automatic approval limit: a finance officer approves it
await sh -c "curl -s $H $PAY/payments/PO-D-$C1 | jq -e '.state == \"AWAITING_APPROVAL\"'"
curl -s -H X-User:finance-1 -H X-Roles:finance -H Content-Type:application/json -d '{}' $PAY/payments/PO-D-$C1/approvals | jq -c '{id, state}'
await status $C1 CONVERTED
# fund-investments: a fund manager acts for the funds of its X-Funds (token claim `funds`) only
F='-H X-User:fund-manager-1 -H X-Roles:fund-manager -H X-Funds:FUND-VENTURE,FUND-TECH-INNOVATION -H Content-Type:application/json'
curl -s $F $FUNDS/figures/portfolios/$USCC | jq -e --arg cv "CV-D-$C1" '[.investments[].conversionId] | index($cv) != null'
# a government fund invests
curl -s $F $FUNDS/funds | jq -c '[.items[].id]'
curl -s $F -d '{"enterpriseUscc":"'$USCC'","round":"A","instrument":"EQUITY","amountFen":500000000,"stakePercent":5,"investedOn":"2026-06-10","stage":"START_UP"}' $FUNDS/funds/FUND-VENTURE/investments | jq -e '.state == "COMMITTED"'
# --- end of walk-through ---
echo "walk-through done"
