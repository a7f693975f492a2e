#!/usr/bin/env bash
# Ingest benchmark: the packaged hub against the bare Camel platform-http route it is built on, same load, same run.
# Prints requests/s, p50, p99 and errors for both, the ratio, the hub's peak RSS, the time to its first answer, the
# store's own durable insert ceiling, and receipts versus stored rows.
#   bench/ingest.sh                   # empty store
#   bench/ingest.sh --stored 1000000  # the same with a million messages already stored (see bench/growth.sh)
#   bench/ingest.sh --api gen2        # also the second generation's path (payload alone), right after CreateMessage
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
refuse_if_running

DURATION=${DURATION:-30}
# Under load on 2 cores the JIT (C2) keeps a core about half busy for the first 70-100 s: a shorter warm-up measures
# the compiler. The hub gets 60 s of load and then 60 s idle while the bare app warms up; what the JIT still takes
# during the measured run is printed at the end.
WARMUP=${WARMUP:-60}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
HUB_JVM_OPTS=${HUB_JVM_OPTS:-$HUB_JVM_FLAGS}
STORED=0 API=create-message
while [ $# -gt 0 ]; do
  case "$1" in
    --stored) STORED=${2:?--stored needs a number}; shift 2;;
    --api) API=${2:?--api needs create-message or gen2}; shift 2;;
    *) echo "unknown option $1"; exit 2;;
  esac
done
HUB_PORT=18080 MGMT_PORT=19876 BARE_PORT=18089
URL="http://localhost:$HUB_PORT/api/x_autps_int_app/integration_app/CreateMessage"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = "0" ]; then apt-get install -y -qq wrk >/dev/null; else sudo apt-get install -y -qq wrk >/dev/null; fi
fi
mvn -B -q -DskipTests package
mvn -B -q -f bench/bare/pom.xml package

WORK=$(mktemp -d)
HUB_PID="" BARE_PID=""
# Waits for both to exit, so that a run right after this one (bench/growth.sh) finds the ports free. The H2 files
# (GBs after --stored 1000000) go unless KEEP_STORE=1; the logs stay.
cleanup() {
  for pid in $HUB_PID $BARE_PID; do kill "$pid" 2>/dev/null && while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; done
  [ "${KEEP_STORE:-0}" = 1 ] || rm -f "$WORK"/*.mv.db "$WORK"/*.trace.db
  true
}
trap cleanup EXIT

java -Dport=$BARE_PORT -jar bench/bare/target/bare-platform-http.jar > "$WORK/bare.log" 2>&1 &
BARE_PID=$!
# Up before the hub starts: two JVMs booting at once on 2 cores would slow the hub's first answer.
until curl -s -o /dev/null -X POST "http://localhost:$BARE_PORT/bare"; do sleep 0.1; done

DB_URL="jdbc:h2:file:$WORK/hub"
if [ "$STORED" -gt 0 ]; then
  java -cp target/integration-hub.jar bench/FillStore.java "$DB_URL" "$STORED"
fi

start_ms=$(date +%s%3N)
java $HUB_JVM_OPTS -Dcamel.server.port=$HUB_PORT -Dcamel.management.port=$MGMT_PORT -Dhub.db.url="$DB_URL" \
  -Dhub.target.ticketing.url=http://localhost:$BARE_PORT -Dhub.instance.id=bench \
  -jar target/integration-hub.jar > "$WORK/hub.log" 2>&1 &
HUB_PID=$!
BODY='{"payload":{"short_description":"first","urgency":3,"impact":3},"integrationmode":"asynchronous","integrationPartner":"Automize","correlation_id":"first","external_action":"update","external_reference":"INC1","message_type":"Inbound Automize Incident"}'
first=0
for _ in $(seq 1 600); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -u Automize:automize-secret -H 'Content-Type: application/json' "$URL" -d "$BODY" || true)
  if [ "$code" = "202" ]; then first=$(( $(date +%s%3N) - start_ms )); break; fi
  sleep 0.02
done
[ "$first" -gt 0 ] || { echo "the hub did not answer; see $WORK/hub.log"; exit 1; }

run() { # name url seconds [wrk script]
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3"s --latency -s "${4:-bench/create-message.lua}" "$2" > "$WORK/$1.txt" 2>&1
}
field() { grep -E "$2" "$WORK/$1.txt" | head -1 | awk '{print $2}'; }
ms() { # wrk latency like 1.23ms / 456.00us / 1.02s -> ms
  awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v); print v+0} else if (v ~ /s$/) {sub(/s/,"",v); print v*1000} else print v }'
}
errors() { # non-2xx answers plus socket errors
  local non2xx sock
  non2xx=$(grep -E "Non-2xx" "$WORK/$1.txt" | awk '{print $NF}'); sock=$(grep -E "Socket errors" "$WORK/$1.txt" | sed -E 's/.*connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+).*/\1+\2+\3+\4/')
  echo $(( ${non2xx:-0} + ${sock:-0} ))
}

# CPU clock ticks (1/100 s, user + system) in a /proc stat file, read past the "(name)" field, which may hold spaces.
stat_ticks() { sed 's/^.*) //' "$1" | awk '{print $12 + $13}'; }
# ... of the hub process, and of its JIT compiler threads alone.
ticks() { stat_ticks /proc/$HUB_PID/stat; }
jit_ticks() {
  local t sum=0
  for t in /proc/$HUB_PID/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in C1\ Compiler*|C2\ Compiler*) sum=$(( sum + $(stat_ticks "$t/stat") ));; esac
  done
  echo $sum
}

run hub-warmup "$URL" "$WARMUP"
run bare-warmup "http://localhost:$BARE_PORT/bare" "$WARMUP"
cpu0=$(ticks) jit0=$(jit_ticks)
run hub "$URL" "$DURATION"
cpu_s=$(awk -v a="$cpu0" -v b="$(ticks)" 'BEGIN{printf "%.1f", (b-a)/100}')
jit_s=$(awk -v a="$jit0" -v b="$(jit_ticks)" 'BEGIN{printf "%.1f", (b-a)/100}')
if [ "$API" = gen2 ]; then
  # The same messages through message_type/{type}/message, measured right after CreateMessage on the warm hub.
  GEN2_URL="http://localhost:$HUB_PORT/api/x_autps_int_app/integration_app/message_type/inbound-automize-incident/message"
  run gen2-warmup "$GEN2_URL" 20 bench/payload-message.lua
  run gen2 "$GEN2_URL" "$DURATION" bench/payload-message.lua
fi
run bare "http://localhost:$BARE_PORT/bare" "$DURATION"

rss_kb=$(awk '/VmHWM/ {print $2}' /proc/$HUB_PID/status)
# The gen2 files exist only with --api gen2: cat's complaint about them would end the script (pipefail).
receipts=$(( 1 + $( (cat "$WORK"/hub*.txt "$WORK"/gen2*.txt 2>/dev/null || true) | grep accepted_202 | cut -d= -f2 \
  | awk '{s += $1} END {print s}') ))
kill "$HUB_PID"; wait "$HUB_PID" 2>/dev/null || true; HUB_PID=""
rows=$(java -cp target/integration-hub.jar org.h2.tools.Shell -url "$DB_URL" -user sa \
  -sql "SELECT COUNT(*) AS n FROM hub_message WHERE correlation_id LIKE 'bench-%' OR correlation_id = 'first'" \
  | sed -n 2p | tr -d ' ')
ceiling=$(java -cp target/integration-hub.jar bench/StoreCeiling.java "jdbc:h2:file:$WORK/ceiling" 64 10 \
  | grep store_ceiling | cut -d= -f2)

hub_rps=$(field hub "Requests/sec"); bare_rps=$(field bare "Requests/sec")
printf '\n%-6s %12s %10s %10s %8s\n' "" "requests/s" "p50 ms" "p99 ms" "errors"
printf '%-6s %12s %10s %10s %8s\n' hub "$hub_rps" "$(ms "$(field hub ' 50%')")" "$(ms "$(field hub ' 99%')")" "$(errors hub)"
if [ "$API" = gen2 ]; then
  printf '%-6s %12s %10s %10s %8s\n' gen2 "$(field gen2 "Requests/sec")" "$(ms "$(field gen2 ' 50%')")" "$(ms "$(field gen2 ' 99%')")" "$(errors gen2)"
fi
printf '%-6s %12s %10s %10s %8s\n' bare "$bare_rps" "$(ms "$(field bare ' 50%')")" "$(ms "$(field bare ' 99%')")" "$(errors bare)"
awk -v h="$hub_rps" -v b="$bare_rps" -v c="$ceiling" 'BEGIN{printf "ratio hub/bare %.2f; store ceiling %d rows/s (hub/ceiling %.2f)\n", h/b, c, h/c}'
if [ "$API" = gen2 ]; then
  awk -v g="$(field gen2 "Requests/sec")" -v h="$hub_rps" 'BEGIN{printf "second generation / CreateMessage %.2f\n", g/h}'
fi
echo "hub peak RSS $(( rss_kb / 1024 )) MB; first request answered $first ms after start; stored before the run $STORED"
echo "receipted (202) $receipts, rows stored $rows"
awk -v c="$cpu_s" -v j="$jit_s" -v r="$(grep -E '^ +[0-9]+ requests in' "$WORK/hub.txt" | awk '{print $1}')" -v d="$DURATION" -v n="$(nproc)" \
  'BEGIN{printf "hub CPU during its %d s run: %.1f of the %d CPU-seconds of %d cores (JIT compiler %.1f), %.0f us per request\n", d, c, n*d, n, j, c*1e6/r}'

echo "(wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, nproc $(nproc); logs in $WORK)"
