#!/usr/bin/env bash
# Stores benchmark: the same intake and the same drain on H2 and on PostgreSQL (embedded, real binaries, with fsync and
# synchronous_commit on: a 202 is durable on both), printed side by side with the ratios. Per store:
#  - intake: an ingest-only hub (hub.worker.concurrency=0) takes bench/ingest.sh's load (wrk, 64 connections,
#    1,000 correlation ids) for WARMUP s, then DURATION s measured: requests/s, p99, hub CPU per request;
#  - drain: a delivering hub (CONCURRENCY workers) is started on what the intake stored and delivers to a plain Vert.x
#    stand-in that answers at once; after WARMUP s, DURATION s measured: deliveries/s, hub CPU per delivery.
# About 5 minutes on 2 cores.
#   bench/stores.sh
#   WARMUP=10 DURATION=20 bench/stores.sh
#   HUB_OPTS=-Dhub.db.writers=5 bench/stores.sh      # settings for both stores' hubs
#   PG_STATEMENTS=1 STORES=pg bench/stores.sh        # and the statements that took PostgreSQL's time
#   STORES=pg WARMUP=10 DURATION=15 bench/stores.sh  # one store only (h2 or pg), to try a change quickly
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
refuse_if_running
WARMUP=${WARMUP:-20}
DURATION=${DURATION:-30}
CONCURRENCY=${CONCURRENCY:-64}
STORES=${STORES:-h2,pg}
h2_intake=0 h2_p99=0 h2_intake_cpu=0 h2_drain=0 h2_drain_cpu=0
h2_intake_db_cpu=0 h2_intake_busy=0 pg_intake_db_cpu=0 pg_intake_busy=0
h2_intake_jit=0 pg_intake_jit=0 h2_drain_jit=0 pg_drain_jit=0
pg_intake=0 pg_p99=0 pg_intake_cpu=0 pg_drain=0 pg_drain_cpu=0 h2_busy=0 pg_busy=0 h2_db_cpu=0 pg_db_cpu=0
HUB_PORT=18080 MGMT_PORT=19876 STUB_PORT=18090
URL="http://localhost:$HUB_PORT/api/x_autps_int_app/integration_app/CreateMessage"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = "0" ]; then apt-get install -y -qq wrk >/dev/null; else sudo apt-get install -y -qq wrk >/dev/null; fi
fi
mvn -B -q -DskipTests package
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
mvn -B -q -f bench/bare/pom.xml package

WORK=$(mktemp -d)
HUB_PID="" PG_PID="" STUB_PID=""
cleanup() {
  for pid in $HUB_PID $PG_PID $STUB_PID; do kill "$pid" 2>/dev/null && while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; done
  rm -f "$WORK"/*.mv.db "$WORK"/*.trace.db
  true
}
trap cleanup EXIT
java -Dport="$STUB_PORT" -cp bench/bare/target/bare-platform-http.jar bench.StubTarget > "$WORK/stub.log" 2>&1 &
STUB_PID=$!
until curl -s -o /dev/null -X POST "http://localhost:$STUB_PORT/api/Tickets/NewMessage"; do sleep 0.1; done

start_hub() { # name db-url db-user worker-concurrency
  java $HUB_JVM_FLAGS ${HUB_OPTS:-} -Dcamel.server.port=$HUB_PORT -Dcamel.management.port=$MGMT_PORT -Dhub.db.url="$2" \
    -Dhub.db.user="$3" -Dhub.worker.concurrency="$4" -Dhub.target.ticketing.url=http://localhost:$STUB_PORT \
    -Dhub.instance.id="$1" -jar target/integration-hub.jar > "$WORK/$1.log" 2>&1 &
  HUB_PID=$!
  until curl -s -o /dev/null -f "http://localhost:$MGMT_PORT/observe/health"; do
    kill -0 "$HUB_PID" 2>/dev/null || { echo "hub $1 exited: see $WORK/$1.log"; exit 1; }
    sleep 0.2
  done
}
stop_hub() { kill "$HUB_PID"; while kill -0 "$HUB_PID" 2>/dev/null; do sleep 0.1; done; HUB_PID=""; }
busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; }
ticks() { sed 's/^.*) //' "/proc/${1:-$HUB_PID}/stat" | awk '{print $12 + $13}'; }
# CPU ticks of the hub's JIT compiler threads (C1 and C2), part of ticks.
jit_ticks() { cat /proc/"$HUB_PID"/task/*/stat 2>/dev/null | awk '/CompilerThre/ {sub(/^.*\) /, ""); t += $12 + $13} END {print t + 0}'; }
# CPU ticks of the database server's processes (none for H2, which runs inside the hub).
db_ticks() { local t=0 pid; for pid in $(pgrep -x postgres); do t=$((t + $(ticks "$pid" 2>/dev/null || echo 0))); done; echo $t; }
delivered() {
  curl -s "http://localhost:$MGMT_PORT/observe/metrics" \
    | awk '/^hub_deliveries_total\{.*outcome="delivered"/ {s += $2} END {printf "%d", s}'
}
ms() { awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v); print v+0} else if (v ~ /s$/) {sub(/s/,"",v); print v*1000} else print v }'; }

statements() { # name db-url reset|top
  if [ "$1" = pg ] && [ "${PG_STATEMENTS:-}" = 1 ]; then
    java -cp "$(cat target/bench.classpath)" bench/PgStatements.java "$2" "$3"
  fi
}

# Fills STORE_<field> variables for one store: intake and drain figures.
measure() { # name db-url db-user
  local name=$1 cpu0 cpu1 d0 d1
  start_hub "$name-intake" "$2" "$3" 0
  wrk -t2 -c64 -d"$WARMUP"s -s bench/create-message.lua "$URL" > "$WORK/$name-intake-warmup.txt" 2>&1
  statements "$name" "$2" reset
  cpu0=$(ticks); local i0 idb0 j0 j1; i0=$(busy); idb0=$(db_ticks); j0=$(jit_ticks)
  wrk -t2 -c64 -d"$DURATION"s --latency -s bench/create-message.lua "$URL" > "$WORK/$name-intake.txt" 2>&1
  cpu1=$(ticks); local i1 idb1; i1=$(busy); idb1=$(db_ticks); j1=$(jit_ticks)
  statements "$name" "$2" top > "$WORK/$name-intake-statements.txt"
  stop_hub
  local requests; requests=$(grep -E '^ +[0-9]+ requests in' "$WORK/$name-intake.txt" | awk '{print $1}')
  eval "${name}_intake=$(grep Requests/sec "$WORK/$name-intake.txt" | awk '{printf "%.0f", $2}')"
  eval "${name}_p99=$(ms "$(grep -E ' 99%' "$WORK/$name-intake.txt" | awk '{print $2}')")"
  eval "${name}_intake_cpu=$(awk -v c=$((cpu1 - cpu0)) -v r="$requests" 'BEGIN{printf "%.0f", c * 1e4 / r}')"
  eval "${name}_intake_db_cpu=$(awk -v c=$((idb1 - idb0)) -v r="$requests" 'BEGIN{printf "%.0f", c * 1e4 / r}')"
  eval "${name}_intake_jit=$(awk -v c=$((j1 - j0)) -v r="$requests" 'BEGIN{printf "%.0f", c * 1e4 / r}')"
  eval "${name}_intake_busy=$(echo "$i0 $i1" | awk '{printf "%.0f", ($3 - $1) * 100 / ($4 - $2)}')"

  start_hub "$name-drain" "$2" "$3" "$CONCURRENCY"
  sleep "$WARMUP"
  statements "$name" "$2" reset
  d0=$(delivered); cpu0=$(ticks); local m0 db0 db1; m0=$(busy); db0=$(db_ticks); j0=$(jit_ticks)
  sleep "$DURATION"
  d1=$(delivered); cpu1=$(ticks); local m1; m1=$(busy); db1=$(db_ticks); j1=$(jit_ticks)
  statements "$name" "$2" top > "$WORK/$name-statements.txt"
  stop_hub
  eval "${name}_db_cpu=$(awk -v c=$((db1 - db0)) -v n=$((d1 - d0)) 'BEGIN{printf "%.0f", (n > 0 ? c * 1e4 / n : 0)}')"
  eval "${name}_busy=$(echo "$m0 $m1" | awk '{printf "%.0f", ($3 - $1) * 100 / ($4 - $2)}')"
  eval "${name}_drain=$(( (d1 - d0) / DURATION ))"
  eval "${name}_drain_cpu=$(awk -v c=$((cpu1 - cpu0)) -v n=$((d1 - d0)) 'BEGIN{printf "%.0f", (n > 0 ? c * 1e4 / n : 0)}')"
  eval "${name}_drain_jit=$(awk -v c=$((j1 - j0)) -v n=$((d1 - d0)) 'BEGIN{printf "%.0f", (n > 0 ? c * 1e4 / n : 0)}')"
}

if [[ ,$STORES, == *,h2,* ]]; then
echo "-- H2"
measure h2 "jdbc:h2:file:$WORK/hub" sa
fi
if [[ ,$STORES, == *,pg,* ]]; then
echo "-- PostgreSQL"
java -cp "target/integration-hub.jar:$(cat target/bench.classpath)" bench/EmbeddedPg.java hub > "$WORK/pg.log" 2>&1 &
PG_PID=$!
until grep -qs "^jdbc_url=" "$WORK/pg.log"; do kill -0 "$PG_PID" 2>/dev/null || { cat "$WORK/pg.log"; exit 1; }; sleep 0.2; done
grep -E '^(fsync|synchronous_commit)=' "$WORK/pg.log" | tr '\n' ' '; echo
measure pg "$(grep '^jdbc_url=' "$WORK/pg.log" | cut -d= -f2-)" postgres
fi

printf '\n%-34s %12s %12s %8s\n' "" "H2" "PostgreSQL" "PG/H2"
row() { printf '%-34s %12s %12s %8s\n' "$1" "$2" "$3" "$(awk -v a="$2" -v b="$3" 'BEGIN{printf "%.2f", (a > 0 ? b / a : 0)}')"; }
row "intake, requests/s" "$h2_intake" "$pg_intake"
row "intake p99, ms" "$h2_p99" "$pg_p99"
row "intake, hub CPU µs per request" "$h2_intake_cpu" "$pg_intake_cpu"
row "intake, of it the JIT compiler's" "$h2_intake_jit" "$pg_intake_jit"
row "intake, database server CPU µs per request" "$h2_intake_db_cpu" "$pg_intake_db_cpu"
row "intake, machine CPU busy %" "$h2_intake_busy" "$pg_intake_busy"
row "drain, deliveries/s" "$h2_drain" "$pg_drain"
row "drain, hub CPU µs per delivery" "$h2_drain_cpu" "$pg_drain_cpu"
row "drain, of it the JIT compiler's" "$h2_drain_jit" "$pg_drain_jit"
row "drain, database server CPU µs per delivery" "$h2_db_cpu" "$pg_db_cpu"
row "drain, machine CPU busy %" "$h2_busy" "$pg_busy"
if [ -s "$WORK/pg-intake-statements.txt" ]; then echo; echo "PostgreSQL's statements over the measured intake:"; cat "$WORK/pg-intake-statements.txt"; fi
if [ -s "$WORK/pg-statements.txt" ]; then echo; echo "PostgreSQL's statements over the measured drain:"; cat "$WORK/pg-statements.txt"; fi
echo "(wrk -t2 -c64, ${WARMUP}s warm-up + ${DURATION}s measured each; drain hub.worker.concurrency $CONCURRENCY; nproc $(nproc); logs in $WORK)"
