#!/usr/bin/env bash
# Scale-out benchmark: delivery throughput with 1, 2 and 3 hubs on one PostgreSQL (embedded, real binaries from
# Maven Central). Each run posts MESSAGES (20,000) to an ingest-only hub, then starts the delivering hubs, which
# drain the queue as competing consumers to a plain Vert.x stand-in (bench/bare/.../StubTarget.java).
# Prints deliveries/s per run: over the whole drain, and over the MESSAGES delivered after a warm-up of WARMUP (20,000)
# per hub (each fresh JVM's start-up and JIT, about 20 s of CPU, which on 2 cores three hubs pay three times over: the
# queue holds hubs x WARMUP + MESSAGES), and hub CPU per message.
#   bench/cluster.sh
#   MESSAGES=50000 WARMUP=0 INSTANCES=1,2,3,4 CONCURRENCY=16 bench/cluster.sh
#   HUB_OPTS=-Dhub.db.writers=1 INSTANCES=3 bench/cluster.sh   # settings for the delivering hubs
#   PG_STATEMENTS=1 INSTANCES=1,3 bench/cluster.sh          # and the statements that took PostgreSQL's time
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
refuse_if_running
MESSAGES=${MESSAGES:-20000}
INSTANCES=${INSTANCES:-1,2,3}
CONCURRENCY=${CONCURRENCY:-64} # workers per hub, as in stores.sh: at 8 a hub commits its outcomes a few at a time
WARMUP=${WARMUP:-20000}
STUB_PORT=18090

mvn -B -q -DskipTests package
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
mvn -B -q -f bench/bare/pom.xml package
start_stub_target $STUB_PORT

java -Dhub.jvm="$HUB_JVM_FLAGS ${HUB_OPTS:-}" -cp "target/integration-hub.jar:$(cat target/bench.classpath)" bench/DeliveryBench.java postgresql \
  "$MESSAGES" "$INSTANCES" "http://localhost:$STUB_PORT" "$CONCURRENCY" "$WARMUP"
