#!/usr/bin/env bash
# Stores benchmark: the same intake and the same drain on H2 and on PostgreSQL (embedded, real binaries, with fsync and
# synchronous_commit on: a 202 is durable on both), printed side by side with the ratios.
#  - intake: an ingest-only hub (hub.worker.concurrency=0) per store takes bench/ingest.sh's load (wrk, 64
#    connections, 1,000 correlation ids): WARMUP s each, then DURATION s each, measured in SLICES turns that alternate
#    between the stores (H2, PostgreSQL, H2, ...): requests/s, p99 (the highest of the store's turns), hub CPU per
#    request. This machine's speed drifts by a fifth or more within minutes; alternating puts both stores in the same
#    minutes. While one store is measured the other's processes are stopped (SIGSTOP), so its background work
#    (PostgreSQL's autovacuum of what it just took in) does not run in the other's turn, nor does the kernel's
#    write-back of its dirty pages (sync between turns);
#  - drain: a delivering hub (CONCURRENCY workers) is started on what the intake stored and delivers to a plain Vert.x
#    stand-in that answers at once; after WARMUP s, DURATION s measured: deliveries/s, hub CPU per delivery.
# About 6 minutes on 2 cores.
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
SLICES=${SLICES:-3}
CONCURRENCY=${CONCURRENCY:-64}
STORES=${STORES:-h2,pg}
SELECTED=()
for name in h2 pg; do [[ ,$STORES, == *,$name,* ]] && SELECTED+=("$name"); done
declare -A HUB=() HUB_PORT=([h2]=18080 [pg]=18081) MGMT_PORT=([h2]=19876 [pg]=19877) DB_URL=() DB_USER=()
# SUM["store:phase:what"]: over a phase's measured spans, the rise of the CPU counters (hub, db, jit: ticks; busy and
# total: the machine's jiffies), the requests or deliveries (n), the seconds and the highest p99 (ms).
declare -A SUM=()
STUB_PORT=18090

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = "0" ]; then apt-get install -y -qq wrk >/dev/null; else sudo apt-get install -y -qq wrk >/dev/null; fi
fi
mvn -B -q -DskipTests package
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
mvn -B -q -f bench/bare/pom.xml package

WORK=$(mktemp -d)
PG_PID="" STUB_PID=""
server_pids() { pgrep -x postgres | tr '\n' ' ' || true; }
cleanup() {
  local pid
  for pid in ${HUB[h2]:-} ${HUB[pg]:-} $(server_pids); do kill -CONT "$pid" 2>/dev/null || true; done
  for pid in ${HUB[h2]:-} ${HUB[pg]:-} $PG_PID $STUB_PID; do
    kill "$pid" 2>/dev/null && while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  done
  rm -f "$WORK"/*.mv.db "$WORK"/*.trace.db
  true
}
trap cleanup EXIT
java -Dport="$STUB_PORT" -cp bench/bare/target/bare-platform-http.jar bench.StubTarget > "$WORK/stub.log" 2>&1 &
STUB_PID=$!
until curl -s -o /dev/null -X POST "http://localhost:$STUB_PORT/api/Tickets/NewMessage"; do sleep 0.1; done

start_hub() { # store name worker-concurrency
  local store=$1
  java $HUB_JVM_FLAGS ${HUB_OPTS:-} -Xlog:gc:file="$WORK/$2-gc.log":time \
    -Dcamel.server.port="${HUB_PORT[$store]}" -Dcamel.management.port="${MGMT_PORT[$store]}" \
    -Dhub.db.url="${DB_URL[$store]}" -Dhub.db.user="${DB_USER[$store]}" \
    -Dhub.worker.concurrency="$3" -Dhub.target.ticketing.url=http://localhost:$STUB_PORT \
    -Dhub.instance.id="$2" -jar target/integration-hub.jar > "$WORK/$2.log" 2>&1 &
  HUB[$store]=$!
  until curl -s -o /dev/null -f "http://localhost:${MGMT_PORT[$store]}/observe/health"; do
    kill -0 "${HUB[$store]}" 2>/dev/null || { echo "hub $2 exited: see $WORK/$2.log"; exit 1; }
    sleep 0.2
  done
}
stop_hub() { # store
  local pid=${HUB[$1]}
  kill -CONT "$pid" 2>/dev/null || true
  kill "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; HUB[$1]=""
}
# Stops (SIGSTOP) or continues (SIGCONT) a store's processes: its hub, and for PostgreSQL the server's processes.
signal_store() { # STOP|CONT store
  local pids=${HUB[$2]:-} pid
  if [ "$2" = pg ]; then pids="$pids $(server_pids)"; fi
  for pid in $pids; do kill -"$1" "$pid" 2>/dev/null || true; done
}
# Only this store's processes run: the others are stopped.
only() {
  local s
  # The page cache's dirty pages (H2's file, PostgreSQL's evicted pages, the hubs' logs) are written to disk between
  # turns: the kernel writes them back 30 s after they were written, in a later turn, often the other store's.
  sync
  for s in "${SELECTED[@]}"; do
    if [ "$s" = "$1" ]; then signal_store CONT "$s"; else signal_store STOP "$s"; fi
  done
}
busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; }
ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
# CPU ticks of a hub's JIT compiler threads (C1 and C2), part of its ticks.
jit_ticks() {
  cat /proc/"$1"/task/*/stat 2>/dev/null | awk '/CompilerThre/ {sub(/^.*\) /, ""); t += $12 + $13} END {print t + 0}'
}
# CPU ticks of the database server's processes (none for H2, which runs inside the hub).
db_ticks() { local t=0 pid; for pid in $(server_pids); do t=$((t + $(ticks "$pid" 2>/dev/null || echo 0))); done; echo $t; }
delivered() { # store
  curl -s "http://localhost:${MGMT_PORT[$1]}/observe/metrics" \
    | awk '/^hub_deliveries_total\{.*outcome="delivered"/ {s += $2} END {printf "%d", s}'
}
ms() { awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v); print v+0} else if (v ~ /s$/) {sub(/s/,"",v); print v*1000} else print v }'; }
url() { echo "http://localhost:${HUB_PORT[$1]}/api/x_autps_int_app/integration_app/CreateMessage"; }

statements() { # store reset|top
  if [ "$1" = pg ] && [ "${PG_STATEMENTS:-}" = 1 ]; then
    java -cp "$(cat target/bench.classpath)" bench/PgStatements.java "${DB_URL[pg]}" "$2"
  fi
}

# The counters a measured span starts and ends with: the hub's CPU ticks, the server's, the hub's JIT's, the machine's.
counters() { echo "$(ticks "$1") $(db_ticks) $(jit_ticks "$1") $(busy)"; }
add_span() { # store:phase counters-before counters-after n seconds
  local names=(hub db jit busy total) a b i
  read -r -a a <<< "$2"; read -r -a b <<< "$3"
  for i in 0 1 2 3 4; do SUM[$1:${names[$i]}]=$(( ${SUM[$1:${names[$i]}]:-0} + b[i] - a[i] )); done
  SUM[$1:n]=$(( ${SUM[$1:n]:-0} + $4 ))
  SUM[$1:seconds]=$(awk -v a="${SUM[$1:seconds]:-0}" -v b="$5" 'BEGIN{print a + b}')
}

# One measured turn of a store's intake.
intake_turn() { # store seconds turn
  local s=$1 pid=${HUB[$1]} out="$WORK/$1-intake-$3.txt" c0 c1 summary p99
  only "$s"
  c0=$(counters "$pid")
  wrk -t2 -c64 -d"$2"s --latency -s bench/create-message.lua "$(url "$s")" > "$out" 2>&1
  c1=$(counters "$pid")
  summary=$(grep -E '^ +[0-9]+ requests in' "$out") # "  N requests in 10.00s, 3.71MB read"
  add_span "$s:intake" "$c0" "$c1" "$(awk '{print $1}' <<< "$summary")" \
    "$(awk '{sub(/s,?$/, "", $4); print $4}' <<< "$summary")"
  p99=$(ms "$(grep -E ' 99%' "$out" | awk '{print $2}')")
  SUM[$s:intake:p99]=$(awk -v a="${SUM[$s:intake:p99]:-0}" -v b="$p99" 'BEGIN{print (b > a ? b : a)}')
}

drain() { # store
  local s=$1 pid c0 c1 d0 d1
  only "$s"
  start_hub "$s" "$s-drain" "$CONCURRENCY"
  pid=${HUB[$s]}
  sleep "$WARMUP"
  statements "$s" reset
  d0=$(delivered "$s"); c0=$(counters "$pid")
  sleep "$DURATION"
  d1=$(delivered "$s"); c1=$(counters "$pid")
  statements "$s" top > "$WORK/$s-statements.txt"
  stop_hub "$s"
  add_span "$s:drain" "$c0" "$c1" $((d1 - d0)) "$DURATION"
}

DB_URL[h2]="jdbc:h2:file:$WORK/hub" DB_USER[h2]=sa
if [[ " ${SELECTED[*]} " == *" pg "* ]]; then
  java -Dpg.log.dir="$WORK" -cp "target/integration-hub.jar:$(cat target/bench.classpath)" bench/EmbeddedPg.java hub \
    > "$WORK/pg.log" 2>&1 &
  PG_PID=$!
  until grep -qs "^jdbc_url=" "$WORK/pg.log"; do kill -0 "$PG_PID" 2>/dev/null || { cat "$WORK/pg.log"; exit 1; }; sleep 0.2; done
  echo "-- PostgreSQL: $(grep -E '^(fsync|synchronous_commit)=' "$WORK/pg.log" | tr '\n' ' ')"
  DB_URL[pg]=$(grep '^jdbc_url=' "$WORK/pg.log" | cut -d= -f2-) DB_USER[pg]=postgres
fi

echo "-- intake: ${SELECTED[*]}, ${WARMUP} s warm-up each, then ${DURATION} s each in $SLICES turns"
for s in "${SELECTED[@]}"; do
  only "$s"
  start_hub "$s" "$s-intake" 0
  wrk -t2 -c64 -d"$WARMUP"s -s bench/create-message.lua "$(url "$s")" > "$WORK/$s-intake-warmup.txt" 2>&1
done
for s in "${SELECTED[@]}"; do only "$s"; statements "$s" reset; done
for turn in $(seq 1 "$SLICES"); do
  for s in "${SELECTED[@]}"; do
    intake_turn "$s" $(( (DURATION + SLICES - 1) / SLICES )) "$turn"
  done
done
for s in "${SELECTED[@]}"; do
  only "$s"
  statements "$s" top > "$WORK/$s-intake-statements.txt"
  stop_hub "$s"
done

for s in "${SELECTED[@]}"; do
  echo "-- drain: $s"
  drain "$s"
done

printf '\n%-34s %12s %12s %8s\n' "" "H2" "PostgreSQL" "PG/H2"
# A figure of both stores and their ratio: rate (per second), p99, hub, jit, db (CPU µs per request or delivery), busy.
figure() { # store:phase what
  local n=${SUM[$1:n]:-0}
  case $2 in
    rate) awk -v n="$n" -v t="${SUM[$1:seconds]:-0}" 'BEGIN{printf "%.0f", (t > 0 ? n / t : 0)}' ;;
    p99) echo "${SUM[$1:p99]:-0}" ;;
    busy) awk -v b="${SUM[$1:busy]:-0}" -v t="${SUM[$1:total]:-0}" 'BEGIN{printf "%.0f", (t > 0 ? b * 100 / t : 0)}' ;;
    *) awk -v c="${SUM[$1:$2]:-0}" -v n="$n" 'BEGIN{printf "%.0f", (n > 0 ? c * 1e4 / n : 0)}' ;;
  esac
}
row() { # label phase what
  local a b; a=$(figure "h2:$2" "$3"); b=$(figure "pg:$2" "$3")
  printf '%-34s %12s %12s %8s\n' "$1" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.2f", (a > 0 ? b / a : 0)}')"
}
row "intake, requests/s" intake rate
row "intake p99, ms" intake p99
row "intake, hub CPU µs per request" intake hub
row "intake, of it the JIT compiler's" intake jit
row "intake, database server CPU µs per request" intake db
row "intake, machine CPU busy %" intake busy
row "drain, deliveries/s" drain rate
row "drain, hub CPU µs per delivery" drain hub
row "drain, of it the JIT compiler's" drain jit
row "drain, database server CPU µs per delivery" drain db
row "drain, machine CPU busy %" drain busy
if [ -s "$WORK/pg-intake-statements.txt" ]; then echo; echo "PostgreSQL's statements over the measured intake:"; cat "$WORK/pg-intake-statements.txt"; fi
if [ -s "$WORK/pg-statements.txt" ]; then echo; echo "PostgreSQL's statements over the measured drain:"; cat "$WORK/pg-statements.txt"; fi
echo "(wrk -t2 -c64, ${WARMUP}s warm-up + ${DURATION}s measured each, the intake in $SLICES turns; drain hub.worker.concurrency $CONCURRENCY; nproc $(nproc); logs in $WORK)"
