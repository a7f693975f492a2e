package io.integrationhub.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.integrationhub.ops.Lanes;
import io.integrationhub.store.LanePauses;
import io.integrationhub.store.MessageLog;

/**
 * What ops see of each lane (SPEC §7): its state, its queue and its target's last answers. The store's counts are
 * read at most once a second however often metrics, health, the API and the dashboard ask (on H2, about 100 ms for a
 * lane with 100,000 keys waiting).
 */
public final class LaneStatus implements Lanes {

    private static final long COUNTS_CACHE_MS = 1000;

    private record Counts(long at, Map<String, MessageLog.LaneCounts> byTarget) {
    }

    private final TargetCircuits circuits;
    private final MessageLog log;
    private volatile Counts counts = new Counts(0, Map.of());

    public LaneStatus(TargetCircuits circuits, MessageLog log) {
        this.circuits = circuits;
        this.log = log;
    }

    @Override
    public List<Lane> all() {
        List<Lane> lanes = new ArrayList<>();
        for (TargetCircuit circuit : circuits.all()) {
            lanes.add(of(circuit));
        }
        return lanes;
    }

    @Override
    public Lane of(String target) {
        TargetCircuit circuit = circuits.of(target);
        return circuit == null ? null : of(circuit);
    }

    @Override
    public List<State> states() {
        return circuits.all().stream().map(this::stateOf).toList();
    }

    private Lane of(TargetCircuit circuit) {
        MessageLog.LaneCounts c = counts().getOrDefault(circuit.target(), new MessageLog.LaneCounts(0, 0, null));
        State state = stateOf(circuit);
        return new Lane(circuit.target(), state.state(), c.waiting(), c.inFlight(), c.oldestWaitingAt(),
                circuit.lastError(), circuit.lastSuccessAt() == 0 ? null : circuit.lastSuccessAt(), state.since());
    }

    private State stateOf(TargetCircuit circuit) {
        TargetCircuit.State state = circuit.state();
        LanePauses.Pause pause = circuits.paused().pauseOf(circuit.target());
        Long since = state == TargetCircuit.State.PAUSED && pause != null ? Long.valueOf(pause.at())
                : state == TargetCircuit.State.CLOSED ? null : Long.valueOf(circuit.downSince());
        return new State(circuit.target(), state.name().toLowerCase(Locale.ROOT), since);
    }

    @Override
    public void pause(String target, String by) {
        circuits.paused().pause(target, by);
        refresh();
    }

    @Override
    public void resume(String target, String by) {
        circuits.paused().resume(target, by);
        refresh();
    }

    /** Forgets the cached counts: the next read goes to the store (after a pause or resume). */
    private void refresh() {
        counts = new Counts(0, Map.of());
    }

    private Map<String, MessageLog.LaneCounts> counts() {
        Counts current = counts;
        long now = System.currentTimeMillis();
        if (now - current.at() > COUNTS_CACHE_MS) {
            Map<String, MessageLog.LaneCounts> byTarget = new LinkedHashMap<>();
            try {
                for (TargetCircuit circuit : circuits.all()) {
                    byTarget.put(circuit.target(), log.laneCounts(circuit.target()));
                }
                current = new Counts(now, byTarget);
            } catch (RuntimeException storeDown) {
                current = new Counts(now, current.byTarget());
            }
            counts = current;
        }
        return current.byTarget();
    }
}
