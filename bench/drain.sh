#!/usr/bin/env bash
# Drain benchmark: MESSAGES (100,000) asynchronous messages are posted to an ingest-only hub on the H2 store, then
# one delivering hub drains the queue to a plain Vert.x stand-in (bench/bare/.../StubTarget.java), which answers at once. Prints
# deliveries/s and the p50/p99 from receipt to delivery (which, for a queue filled first, includes the wait).
#   bench/drain.sh                      # 100,000 messages, hub.worker.concurrency 8
#   MESSAGES=20000 CONCURRENCY=16 bench/drain.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if pgrep -f "integration-hub.jar|bare-platform-http.jar" >/dev/null; then
  echo "A hub or the bare app is already running: stop it first, it would be measured instead."; exit 1
fi
MESSAGES=${MESSAGES:-100000}
CONCURRENCY=${CONCURRENCY:-8}
STUB_PORT=18090

mvn -B -q -DskipTests package
mvn -B -q -f bench/bare/pom.xml package
java -Dport=$STUB_PORT -cp bench/bare/target/bare-platform-http.jar bench.StubTarget > /tmp/drain-stub.log 2>&1 &
STUB_PID=$!
trap 'kill $STUB_PID 2>/dev/null || true' EXIT
until curl -s -o /dev/null -X POST "http://localhost:$STUB_PORT/api/Tickets/NewMessage"; do sleep 0.1; done

java -cp target/integration-hub.jar bench/DeliveryBench.java h2 "$MESSAGES" 1 "http://localhost:$STUB_PORT" "$CONCURRENCY"
