# Sourced by the bench scripts: what each of them does before it measures.

# The README's run command's JVM flags, with the heap committed up front (-Xms): the worst case for the peak RSS.
# Every hub a bench starts runs with them (ingest.sh as HUB_JVM_OPTS, DeliveryBench as -Dhub.jvm).
HUB_JVM_FLAGS="-XX:SharedArchiveFile=target/integration-hub.jsa -Xms192m -Xmx192m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000"

# A hub or stub left running would be measured instead of the one the script starts.
refuse_if_running() {
  if pgrep -f "integration-hub.jar|bare-platform-http.jar" >/dev/null; then
    echo "A hub or the bare app is already running: stop it first, it would be measured instead."; exit 1
  fi
}

# Starts the plain Vert.x target stand-in (bench/bare/.../StubTarget.java) on port $1, stopped when the script exits.
start_stub_target() {
  local port=$1
  java -Dport="$port" -cp bench/bare/target/bare-platform-http.jar bench.StubTarget > "/tmp/stub-target-$port.log" 2>&1 &
  STUB_PID=$!
  trap 'kill $STUB_PID 2>/dev/null || true' EXIT
  until curl -s -o /dev/null -X POST "http://localhost:$port/api/Tickets/NewMessage"; do sleep 0.1; done
}
