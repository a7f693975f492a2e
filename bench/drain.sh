#!/usr/bin/env bash
# Drain benchmark: WARMUP (300,000) + MESSAGES (100,000) asynchronous messages are posted to an ingest-only hub on
# the H2 store, then one delivering hub drains the queue to a plain Vert.x stand-in (bench/bare/.../StubTarget.java),
# which answers at once. Prints deliveries/s over the whole drain by the freshly started hub and over the MESSAGES
# after the warm-up (past the JIT), and the p50/p99 from receipt to delivery (for a queue filled first, mostly the
# wait).
# On 2 cores the JIT keeps compiling for the first 60-70 s of a drain (a third of the CPU at 40-50 s, nothing at
# 70-80 s): the warm-up is the first 300,000 deliveries, about a minute.
#   CONCURRENCY=64 bench/drain.sh       # 300,000 + 100,000 messages, hub.worker.concurrency 64
#   MESSAGES=20000 WARMUP=0 CONCURRENCY=16 bench/drain.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
refuse_if_running
MESSAGES=${MESSAGES:-100000}
WARMUP=${WARMUP:-300000}
CONCURRENCY=${CONCURRENCY:-64}
STUB_PORT=18090

mvn -B -q -DskipTests package
mvn -B -q -f bench/bare/pom.xml package
start_stub_target $STUB_PORT

java -Dhub.jvm="$HUB_JVM_FLAGS" -cp target/integration-hub.jar bench/DeliveryBench.java h2 "$MESSAGES" 1 "http://localhost:$STUB_PORT" "$CONCURRENCY" "$WARMUP"
