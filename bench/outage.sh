#!/usr/bin/env bash
# Outage benchmark (SPEC §4 Lanes, Circuit breaker, Backlog): one hub, started with the README's flags, against a
# stand-in for each of the four targets (bench/OutageStub.java) that answers, hangs or refuses as the script says, in
# one run of at most 5 minutes. Prints:
#   1. intake (wrk, requests/s) with one hot correlation_id whose backlog grows (its target, webex, hangs) against the
#      same with 1,000 spread correlation_ids on an empty queue: ratio, target >= 0.8;
#   2. intake while BACKLOG (100,000) messages wait behind a down target (superoffice, hanging) against the empty-queue
#      figure: ratio, target >= 0.8;
#   3. ticketing's p95 from receipt (hub_message.received_at) to delivery (hub_attempt.at of its delivered attempt)
#      under a paced load of ticketing and superoffice messages while superoffice hangs, against the same while it
#      answers: ratio, target <= 1.5;
#   4. the time to drain the messages waiting for superoffice once its stand-in answers again.
# Order of the run: warm-up (a paced load of all three message types, below what the hub delivers); 3 healthy;
# superoffice down; 3 down; fill to BACKLOG (at full speed: the intake's warm-up); 2; superoffice back; 4; the
# empty-queue intake; webex down; 1. The drain and the intake measurements after it start once the earlier phases'
# messages are delivered (at most SETTLE_MAX s each, less when the BUDGET is short). Waiting counts come from
# hub_lane_waiting{target} (/observe/metrics) when the hub has it, else from the counters hub_messages_received_total
# less hub_deliveries_total (delivered, dead); the drain (4) is followed on hub_deliveries_total four times a second;
# the receipt-to-delivery times of 3 are read from the store after the hub stopped (bench/OutageReport.java).
# Intake runs use webex's message type, so that ticketing (3) and superoffice (2, 3, 4) carry only their own phases.
# Each intake figure comes with the deliveries/s the hub made meanwhile (hub_deliveries_total): delivering takes CPU
# from the intake, so two intake figures compare fairly only when they delivered alike. The hot run delivers next to
# nothing by design (one key, its target down), which favours it against the spread run.
#   bench/outage.sh                        # H2
#   bench/outage.sh --store postgresql     # embedded PostgreSQL (bench/EmbeddedPg.java)
#   bench/outage.sh --quick                # BACKLOG 5,000 and 5 s phases: does it run end to end (about 100 s)
# Settings (environment): BACKLOG, DURATION (15 s, each intake measurement), WARMUP (15 s), WARMUP_RATE (1500
# requests/s), PACED (15 s, each half of 3), PACED_RATE (200 requests/s, half ticketing half superoffice),
# CONNECTIONS (64), THREADS (2), CONCURRENCY (16: hub.worker.concurrency and every hub.target.<name>.concurrency),
# TIMEOUT_MS (2000: every hub.target.<name>.timeout-ms), OPEN_MS (5000: every hub.target.<name>.circuit.open-ms),
# DOWN_MODE (hang, or refuse, or fail: what the stand-in of a down target does), SETTLE_MAX (45 s), FILL_MAX (45 s),
# DRAIN_MAX (60 s), BUDGET (270 s: the waits are cut short so that the run, a build aside, ends within about it),
# KEEP_STORE=1 (keep the H2 files).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh

STORE=h2 QUICK=0
while [ $# -gt 0 ]; do
  case "$1" in
    --store) STORE=${2:?--store needs h2 or postgresql}; shift 2 ;;
    --quick) QUICK=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | cut -c3-; exit 0 ;;
    *) echo "unknown argument $1 (--store h2|postgresql, --quick)"; exit 2 ;;
  esac
done
case "$STORE" in h2|postgresql) ;; *) echo "--store h2 or --store postgresql"; exit 2 ;; esac
refuse_if_running
if [ "$QUICK" = 1 ]; then
  : "${BACKLOG:=5000}" "${DURATION:=5}" "${WARMUP:=5}" "${PACED:=5}" "${SETTLE_MAX:=15}" "${FILL_MAX:=30}" "${DRAIN_MAX:=30}"
fi
BACKLOG=${BACKLOG:-100000}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-15}
WARMUP_RATE=${WARMUP_RATE:-1500}
PACED=${PACED:-15}
PACED_RATE=${PACED_RATE:-200}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
CONCURRENCY=${CONCURRENCY:-16}
TIMEOUT_MS=${TIMEOUT_MS:-2000}
OPEN_MS=${OPEN_MS:-5000}
DOWN_MODE=${DOWN_MODE:-hang}
SETTLE_MAX=${SETTLE_MAX:-45}
FILL_MAX=${FILL_MAX:-45}
DRAIN_MAX=${DRAIN_MAX:-60}
BUDGET=${BUDGET:-270}
HUB_PORT=18380 MGMT_PORT=19380 STUB_BASE=18390 STUB_CONTROL=18399
TARGETS=(ticketing superoffice itx webex)   # on ports STUB_BASE+1 .. +4
declare -A TYPE=([ticketing]="Inbound Automize Incident" [superoffice]="SuperOffice Message" [itx]="ITX Message"
                 [webex]="Webex Connect Event")
URL="http://localhost:$HUB_PORT/api/x_autps_int_app/integration_app/CreateMessage"

# --- Prerequisites ------------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = "0" ]; then apt-get install -y -qq wrk >/dev/null; else sudo apt-get install -y -qq wrk >/dev/null; fi
fi
# The jar (and its class archive) is built when missing or older than the sources: a build takes half a minute of
# the five.
if [ ! -f target/integration-hub.jar ] || [ ! -f target/integration-hub.jsa ] \
   || [ -n "$(find pom.xml src -newer target/integration-hub.jar -print -quit)" ]; then
  echo "building target/integration-hub.jar"
  mvn -B -q -DskipTests package
fi
if [ "$STORE" = postgresql ] && { [ ! -s target/bench.classpath ] || [ pom.xml -nt target/bench.classpath ]; }; then
  echo "writing the test class path (embedded PostgreSQL) to target/bench.classpath"
  mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
fi
for port in $HUB_PORT $MGMT_PORT $STUB_CONTROL $(seq $((STUB_BASE + 1)) $((STUB_BASE + ${#TARGETS[@]}))); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use: stop what listens there"; exit 1; fi
done

WORK=$(mktemp -d)
HUB_PID="" STUB_PID="" PG_PID=""
cleanup() {
  local pid
  trap '' INT TERM   # a second signal must not cut the clean-up short
  for pid in $HUB_PID $STUB_PID $PG_PID; do
    kill "$pid" 2>/dev/null && while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  done
  [ "${KEEP_STORE:-0}" = 1 ] || rm -f "$WORK"/*.mv.db "$WORK"/*.trace.db
  true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

T0=$(date +%s)
say() { printf '[%3d s] %s\n' $(( $(date +%s) - T0 )) "$*"; }
now_ms() { date +%s%3N; }

# --- Store, stand-ins, hub ----------------------------------------------------------------------------------------
# The stand-ins (compiled from source: a few seconds) start beside the store and the hub.
java -cp target/integration-hub.jar bench/OutageStub.java $STUB_BASE $STUB_CONTROL > "$WORK/stub.log" 2>&1 &
STUB_PID=$!
if [ "$STORE" = postgresql ]; then
  java -cp "target/integration-hub.jar:$(cat target/bench.classpath)" bench/EmbeddedPg.java hub > "$WORK/postgres.log" 2>&1 &
  PG_PID=$!
  for _ in $(seq 1 600); do grep -q '^jdbc_url=' "$WORK/postgres.log" && break; kill -0 $PG_PID 2>/dev/null || break; sleep 0.1; done
  DB_URL=$(sed -n 's/^jdbc_url=//p' "$WORK/postgres.log")
  [ -n "$DB_URL" ] || { echo "embedded PostgreSQL did not start; see $WORK/postgres.log"; exit 1; }
  DB_USER=postgres
else
  DB_URL="jdbc:h2:file:$WORK/hub" DB_USER=sa
fi
ctl() { curl -s -f -X POST "http://localhost:$STUB_CONTROL/$1/$2" > /dev/null; say "  $1's stand-in: $2"; }

HUB_OPTS=(-Dcamel.server.port=$HUB_PORT -Dcamel.management.port=$MGMT_PORT -Dhub.db.url="$DB_URL"
          -Dhub.db.user=$DB_USER -Dhub.instance.id=outage -Dhub.worker.concurrency=$CONCURRENCY)
for i in "${!TARGETS[@]}"; do
  t=${TARGETS[$i]}
  HUB_OPTS+=(-Dhub.target.$t.url=http://localhost:$((STUB_BASE + 1 + i)) -Dhub.target.$t.timeout-ms=$TIMEOUT_MS
             -Dhub.target.$t.concurrency=$CONCURRENCY -Dhub.target.$t.circuit.open-ms=$OPEN_MS)
done
# shellcheck disable=SC2086 # HUB_JVM_FLAGS is a list of flags
java $HUB_JVM_FLAGS "${HUB_OPTS[@]}" -jar target/integration-hub.jar > "$WORK/hub.log" 2>&1 &
HUB_PID=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$MGMT_PORT/observe/health" || true)" = 200 ]; do
  kill -0 $HUB_PID 2>/dev/null || { echo "the hub exited; see $WORK/hub.log"; exit 1; }
  [ $(( $(date +%s) - T0 )) -lt 120 ] || { echo "the hub is not healthy after 120 s; see $WORK/hub.log"; exit 1; }
  sleep 0.1
done
until curl -s -o /dev/null "http://localhost:$STUB_CONTROL/stats"; do
  kill -0 $STUB_PID 2>/dev/null || { echo "the stand-in did not start; see $WORK/stub.log"; exit 1; }
  sleep 0.1
done
say "hub up (store $STORE), stand-ins on $((STUB_BASE + 1))-$((STUB_BASE + 4)); logs in $WORK"

# --- Measuring ----------------------------------------------------------------------------------------------------
# Messages waiting for a target, from /observe/metrics: hub_lane_waiting{target} (SPEC §7) if the hub has it, else
# the messages of the target's type received (hub_messages_received_total) less the target's deliveries that ended
# them (hub_deliveries_total, outcome delivered or dead): the same count for asynchronous messages, for one hub
# process. (The ops API's counts per status and type would do too, but on H2 they scan the waiting rows: seconds each
# with 100,000 waiting, on the CPU being measured.)
waiting() {
  local t=$1
  curl -s -m 10 "http://localhost:$MGMT_PORT/observe/metrics" > "$WORK/metrics.txt" || { echo -1; return; }
  if grep -q '^hub_lane_waiting{' "$WORK/metrics.txt"; then
    echo hub_lane_waiting > "$WORK/waiting-from"
    awk -v t="target=\"$t\"" '/^hub_lane_waiting\{/ && index($1, t) {n = $NF} END {printf "%d\n", n}' "$WORK/metrics.txt"
  else
    echo "hub_messages_received_total less hub_deliveries_total (delivered, dead): the hub has no hub_lane_waiting" \
      > "$WORK/waiting-from"
    awk -v m="message_type=\"${TYPE[$t]}\"" -v t="target=\"$t\"" '
      /^hub_messages_received_total\{/ && index($0, m) {n += $NF}
      /^hub_deliveries_total\{/ && index($0, t) && (index($0, "outcome=\"delivered\"") || index($0, "outcome=\"dead\"")) {n -= $NF}
      END {printf "%d\n", n}' "$WORK/metrics.txt"
  fi
}
# hub_deliveries_total of a target with an outcome, in the metrics last fetched (fetch_metrics).
fetch_metrics() { curl -s -m 5 "http://localhost:$MGMT_PORT/observe/metrics" > "$WORK/metrics.txt" || true; }
deliveries() { # target outcome
  awk -v t="target=\"$1\"" -v o="outcome=\"$2\"" \
    '/^hub_deliveries_total\{/ && index($0, t) && index($0, o) {s += $NF} END {printf "%d\n", s}' "$WORK/metrics.txt"
}
# Messages of a target's type the hub took in (hub_messages_received_total).
received() {
  curl -s -m 5 "http://localhost:$MGMT_PORT/observe/metrics" \
    | awk -v t="message_type=\"${TYPE[$1]}\"" '/^hub_messages_received_total\{/ && index($0, t) {s += $NF} END {printf "%d\n", s}'
}
# Messages queued, retrying or processing, whatever their target (hub_queue_depth: the hub counts them at most every
# 2 s).
depth() {
  curl -s -m 10 "http://localhost:$MGMT_PORT/observe/metrics" | awk '/^hub_queue_depth\{/ && (index($0, "\"queued\"") ||
    index($0, "\"retrying\"") || index($0, "\"processing\"")) {s += $NF} END {printf "%d\n", s}'
}
# Seconds left of the BUDGET once REST (the fixed phases still to come) is set aside, at most MAX, at least 1.
cap() { # max rest
  local left=$(( T0 + BUDGET - $(date +%s) - $2 ))
  [ "$left" -lt "$1" ] || left=$1
  [ "$left" -ge 1 ] || left=1
  echo $left
}
# Waits until no message waits for these targets, at most SETTLE_MAX s (or SETTLE_CAP if set).
settle() {
  local start w t n max=${SETTLE_CAP:-$SETTLE_MAX}
  start=$(date +%s)
  while :; do
    w=0
    for t in "$@"; do n=$(waiting "$t"); [ "$n" -ge 0 ] && [ "$w" -ge 0 ] && w=$(( w + n )) || w=-1; done
    [ "$w" -eq 0 ] && break
    if [ $(( $(date +%s) - start )) -ge "$max" ]; then say "  still $w waiting for $* after $max s: going on"; return; fi
    sleep 1
  done
  say "  nothing waits for $* ($(( $(date +%s) - start )) s)"
}
# Deliveries to all targets so far (hub_deliveries_total, outcome delivered).
all_delivered() {
  curl -s -m 5 "http://localhost:$MGMT_PORT/observe/metrics" \
    | awk '/^hub_deliveries_total\{/ && index($0, "outcome=\"delivered\"") {s += $NF} END {printf "%d\n", s}'
}
# wrk at full speed: name kind keys seconds. Also notes the deliveries/s the hub made meanwhile: delivering takes CPU
# from the intake, so intake runs compare fairly only when they deliver alike.
intake() {
  local d0
  d0=$(all_delivered)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$4"s --latency -s bench/outage.lua "$URL" -- "$2" "$3" "$1" > "$WORK/$1.txt" 2>&1
  echo $(( ($(all_delivered) - d0) / $4 )) > "$WORK/$1.delivered"
}
# wrk paced, about rate requests/s (each of the connections pauses connections/rate s before each request; the
# answers' latency comes on top): name kind seconds rate connections
paced() {
  wrk -t2 -c"$5" -d"$3"s --latency -s bench/outage-paced.lua "$URL" -- "$2" spread "$1" $(( $5 * 1000 / $4 )) > "$WORK/$1.txt" 2>&1
}
rps() { grep 'Requests/sec' "$WORK/$1.txt" | awk '{printf "%.0f", $2}'; }
accepted() { grep accepted_202 "$WORK/$1.txt" | cut -d= -f2; }
ms() { # wrk latency like 1.23ms / 456.00us / 1.02s -> ms
  awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v); print v+0} else if (v ~ /s$/) {sub(/s/,"",v); print v*1000} else print v }'
}
p99() { ms "$(grep -E ' 99%' "$WORK/$1.txt" | awk '{print $2}')"; }
errors() { # answers other than 202 plus socket errors
  local other sock
  other=$(grep '^other=' "$WORK/$1.txt" | cut -d= -f2)
  sock=$(grep -E "Socket errors" "$WORK/$1.txt" | sed -E 's/.*connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+).*/\1+\2+\3+\4/')
  echo $(( ${other:-0} + ${sock:-0} ))
}
summary() {
  echo "$(rps "$1") requests/s, p99 $(p99 "$1") ms, $(accepted "$1") receipts, $(errors "$1") errors$(
    [ -f "$WORK/$1.delivered" ] && echo "; $(cat "$WORK/$1.delivered") deliveries/s meanwhile")"
}

say "warm-up: $WARMUP s at about $WARMUP_RATE requests/s, ticketing, superoffice and webex in turn (below what the hub delivers)"
paced owarm all "$WARMUP" "$WARMUP_RATE" 64
say "  $(summary owarm)"
settle webex ticketing superoffice
say "  waiting counts from $(cat "$WORK/waiting-from")"

t3_from=$(now_ms)
say "3. ticketing and superoffice in turn, about $PACED_RATE requests/s, $PACED s, all targets healthy"
paced o3a mixed "$PACED" "$PACED_RATE" 16
say "  $(summary o3a)"
ctl superoffice "$DOWN_MODE"
say "3. the same while superoffice is down ($DOWN_MODE)"
paced o3b mixed "$PACED" "$PACED_RATE" 16
t3_to=$(now_ms)
say "  $(summary o3b)"

fill=$(( BACKLOG - $(waiting superoffice) ))
if [ "$fill" -gt 0 ]; then
  say "2. filling: $fill superoffice messages (spread keys) at full speed, at most $FILL_MAX s"
  # Each wrk thread stops at its share of 202s, but wrk itself runs out its -d: it is stopped (SIGINT: it prints its
  # figures) once the hub has counted them.
  base=$(received superoffice)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$FILL_MAX"s --latency -s bench/outage.lua "$URL" -- superoffice spread ofill 0 \
    $(( (fill + THREADS - 1) / THREADS )) > "$WORK/ofill.txt" 2>&1 &
  WRK_PID=$!
  while kill -0 $WRK_PID 2>/dev/null; do
    if [ $(( $(received superoffice) - base )) -ge "$fill" ]; then kill -INT $WRK_PID 2>/dev/null || true; break; fi
    sleep 0.2
  done
  wait $WRK_PID || true
  say "  $(summary ofill)"
fi
# The lanes' count may lag the store by a couple of seconds.
sleep 2
backlog=$(waiting superoffice)
say "  $backlog messages wait for superoffice"
say "2. intake (webex, spread keys) for $DURATION s while they wait"
intake obacklog webex spread "$DURATION"
say "  $(summary obacklog); $(waiting superoffice) wait for superoffice"
# As long as the drain and what follows it can still have their time.
SETTLE_CAP=$(cap "$SETTLE_MAX" $(( DRAIN_MAX + 2 * DURATION + 2 + 10 + 15 ))) settle webex

# What follows the drain: two intake runs, two waits of at least 5 s, the stop and the store's report (about 15 s).
REST=$(( 2 * DURATION + 2 + 10 + 15 ))
drain_max=$(cap "$DRAIN_MAX" "$REST")
# The drain is followed on the hub's counters, four times a second: from the moment the stand-in answers again to the
# first delivery, and to the moment the deliveries (and deaths) since then cover the messages that were waiting.
so_waiting=$(waiting superoffice)
fetch_metrics
so_delivered0=$(deliveries superoffice delivered) so_dead0=$(deliveries superoffice dead)
back_ms=$(now_ms)
ctl superoffice answer
say "4. draining the $so_waiting messages waiting for superoffice (at most $drain_max s)"
first_ms="" last_ms=""
while :; do
  fetch_metrics
  d=$(( $(deliveries superoffice delivered) - so_delivered0 )) x=$(( $(deliveries superoffice dead) - so_dead0 ))
  [ -n "$first_ms" ] || [ "$d" -eq 0 ] || first_ms=$(now_ms)
  if [ $(( d + x )) -ge "$so_waiting" ]; then last_ms=$(now_ms); say "  drained: $d delivered, $x dead"; break; fi
  if [ $(( $(now_ms) - back_ms )) -ge $(( drain_max * 1000 )) ]; then say "  not drained after $drain_max s: $d delivered, $x dead"; break; fi
  sleep 0.25
done
SETTLE_CAP=$(cap "$SETTLE_MAX" $(( REST + 5 ))) settle webex ticketing

empty_start=$(depth)
say "1./2. intake (webex, spread keys) for $DURATION s on an empty queue ($empty_start waiting)"
intake oempty webex spread "$DURATION"
say "  $(summary oempty)"
SETTLE_CAP=$(cap "$SETTLE_MAX" $(( DURATION + 2 + 15 ))) settle webex

ctl webex "$DOWN_MODE"
say "1. intake for $DURATION s with one hot correlation_id (webex, down)"
intake ohot webex hot "$DURATION"
sleep 2
hot_waiting=$(waiting webex) hot_depth=$(depth)
say "  $(summary ohot); $hot_waiting wait for webex ($hot_depth for all targets)"

curl -s "http://localhost:$STUB_CONTROL/stats" > "$WORK/stub-stats.txt" || true
# Refused, the hung requests end at once and the hub stops without waiting for their timeouts.
ctl webex refuse
stop_ms=$(now_ms)
kill "$HUB_PID"; wait "$HUB_PID" 2>/dev/null || true; HUB_PID=""
say "hub stopped; reading the store"
java -cp target/integration-hub.jar bench/OutageReport.java "$DB_URL" "$DB_USER" "$t3_from" "$t3_to" "$stop_ms" \
  o3a-t- o3b-t- > "$WORK/report.txt"
r() { sed -n "s/^$1=//p" "$WORK/report.txt"; }
ratio() { # a b: a/b, or ">" when a is a lower bound
  awk -v a="$1" -v b="$2" 'BEGIN{ gt = ""; if (a ~ /^>/) { gt = ">"; sub(/^>/, "", a) } if (b ~ /^>/ || b+0 == 0) { print "n/a"; exit } printf "%s%.2f", gt, a/b }'
}

hot=$(rps ohot) empty=$(rps oempty) back=$(rps obacklog)
p95a=$(r o3a_t__p95_ms) p95b=$(r o3b_t__p95_ms)
secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.1f", (b - a) / 1000}'; }
echo
echo "== Outage bench: store $STORE, nproc $(nproc), wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s; concurrency $CONCURRENCY per target (and hub.worker.concurrency), timeouts $TIMEOUT_MS ms, circuit open-ms $OPEN_MS, down = $DOWN_MODE"
printf '%-66s %s\n' "intake, spread keys, empty queue ($empty_start waiting)" "$(summary oempty)"
printf '%-66s %s\n' "intake, one hot correlation_id (webex down, $hot_waiting behind it)" "$(summary ohot)"
printf '%-66s %s\n' "intake, $backlog waiting behind superoffice (down)" "$(summary obacklog)"
printf '%-66s %s\n' "1. hot / spread" "$(ratio "$hot" "$empty")   (target >= 0.8)"
printf '%-66s %s\n' "2. with backlog / empty queue" "$(ratio "$back" "$empty")   (target >= 0.8)"
printf '%-66s %s\n' "3. ticketing p95 receipt->delivery, superoffice healthy" "$p95a ms (p50 $(r o3a_t__p50_ms) ms, $(r o3a_t__delivered) of $(r o3a_t__messages) delivered)"
printf '%-66s %s\n' "   ... while superoffice is down" "$p95b ms (p50 $(r o3b_t__p50_ms) ms, $(r o3b_t__delivered) of $(r o3b_t__messages) delivered)"
printf '%-66s %s\n' "3. down / healthy" "$(ratio "$p95b" "$p95a")   (target <= 1.5)"
if [ -z "$first_ms" ]; then
  drain="none delivered in $drain_max s"
elif [ -z "$last_ms" ]; then
  drain="first delivered after $(secs "$back_ms" "$first_ms") s; not drained in $drain_max s ($d delivered, $x dead)"
else
  drain="all after $(secs "$back_ms" "$last_ms") s, the first after $(secs "$back_ms" "$first_ms") s: $(awk -v n="$so_waiting" \
    -v a="$first_ms" -v b="$last_ms" 'BEGIN{printf "%.0f", (b > a ? n * 1000 / (b - a) : 0)}') deliveries/s ($d delivered, $x dead)"
fi
printf '%-66s %s\n' "4. drain of the $so_waiting waiting for superoffice once it is back" "$drain"
echo "stand-ins: $(tr '\n' ';' < "$WORK/stub-stats.txt")"
echo "(waiting counts from $(cat "$WORK/waiting-from"); $(( $(date +%s) - T0 )) s in all; logs in $WORK)"
