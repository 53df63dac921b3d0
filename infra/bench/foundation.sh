#!/usr/bin/env bash
# Foundation figures (docs/benchmarks.md): time from ./platform run to all ready, RSS of each
# process once idle, and time from POST /applications to PAID (median of N, default 20).
# Needs a built platform and free ports 8081-8085, 9092, 9093, 27017. Prints the figures; changes nothing else.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-20}
# the header stub of the local profile: an officer of Huli (the applicants' district); a second officer approves
# each applicant's first bank account (maker-checker), effective after the local cooling-off of 5 s
H=(-H "X-User: bench" -H "X-Roles: officer" -H "X-District: HULI" -H "Content-Type: application/json")
CHECKER=(-H "X-User: bench-checker" -H "X-Roles: officer" -H "X-District: HULI" -H "Content-Type: application/json")

rm -rf .platform
start=$(date +%s%N)
./platform run > /tmp/susong-bench-platform.out 2>&1 &
until grep -q "Susong is up" /tmp/susong-bench-platform.out 2>/dev/null; do
  if grep -qiE "failed|in use|not" /tmp/susong-bench-platform.out 2>/dev/null && ! kill -0 $! 2>/dev/null; then
    cat /tmp/susong-bench-platform.out; exit 1
  fi
  sleep 0.1
done
up_ms=$(( ($(date +%s%N) - start) / 1000000 ))
grep "ready in" /tmp/susong-bench-platform.out

sleep 20 # idle
echo "RSS once idle (MB):"
for f in .platform/pids/*.pid; do
  name=$(basename "$f" .pid); pid=$(cat "$f")
  printf "  %-17s %s\n" "$name" "$(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 ))"
done

latencies=()
for i in $(seq 1 "$runs"); do
  first17=$(printf "91350200BM%07d" "$i")
  uscc=$(python3 -c "
A='0123456789ABCDEFGHJKLMNPQRTUWXY';W=[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28]
s='$first17';print(s+A[(31-sum(A.index(c)*w for c,w in zip(s,W))%31)%31])")
  curl -sf "${H[@]}" -d "{\"uscc\":\"$uscc\",\"name\":\"Bench $i\",\"type\":\"ENTERPRISE\",\"district\":\"Huli\",\"bankAccount\":{\"accountName\":\"Bench $i\",\"accountNumber\":\"6222000000000001\",\"bankCode\":\"102393000019\"}}" \
    localhost:8081/applicants > /dev/null
  change=$(curl -sf "${H[@]}" "localhost:8081/applicants/$uscc" | sed 's/.*"pendingBankAccountChange":{"id":"\([^"]*\)".*/\1/')
  curl -sf "${CHECKER[@]}" -X POST "localhost:8081/applicants/$uscc/bank-account-changes/$change/approval" > /dev/null
  until curl -sf "${H[@]}" "localhost:8081/applicants/$uscc" | grep -q '"bankAccount":{'; do sleep 0.2; done
  t0=$(date +%s%N)
  # A4 (30% of 1,000,000 CNY of operating costs): 300,000 CNY, decided and paid without a person, like B1 was before a
  # B1 certificate had to be on an imported certification list (issue 16 item 3)
  id=$(curl -sf "${H[@]}" -d "{\"applicantUscc\":\"$uscc\",\"measureCode\":\"A4\",\"facts\":{\"centreName\":\"Bench centre $i-$t0\",\"operatingCostsFen\":100000000,\"performanceGrade\":\"NONE\"}}" \
    localhost:8081/applications | sed 's/.*"id":"\([^"]*\)".*/\1/')
  until curl -sf "${H[@]}" "localhost:8081/applications/$id" | grep -q '"status":"PAID"'; do sleep 0.02; done
  latencies+=($(( ($(date +%s%N) - t0) / 1000000 )))
done
./platform stop > /dev/null
sorted=$(printf "%s\n" "${latencies[@]}" | sort -n)
echo "platform run -> all ready and seeded: ${up_ms} ms"
echo "POST /applications -> PAID over $runs runs (ms): median $(echo "$sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')," \
  "min $(echo "$sorted" | head -1), max $(echo "$sorted" | tail -1)"
