package io.integrationhub.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.integrationhub.delivery.TargetCircuit;
import io.integrationhub.delivery.TargetCircuits;
import io.integrationhub.store.LanePauses;
import io.integrationhub.store.MessageLog;

/**
 * What ops see of each lane (SPEC §7): its state, its queue and its target's last answers. The store's counts are
 * read at most once a second however often metrics, health, the API and the dashboard ask (on H2, about 100 ms for a
 * lane with 100,000 keys waiting).
 */
public final class LaneStatus {

    private static final long COUNTS_CACHE_MS = 1000;

    /** One lane as the targets API shows it; {@code since} is when it was paused or its circuit opened. */
    public record Lane(String target, String state, long waiting, long inFlight, Long oldestWaitingAt,
                       String lastError, Long lastSuccessAt, Long since) {
    }

    private record Counts(long at, Map<String, MessageLog.LaneCounts> byTarget) {
    }

    private final TargetCircuits circuits;
    private final MessageLog log;
    private volatile Counts counts = new Counts(0, Map.of());

    public LaneStatus(TargetCircuits circuits, MessageLog log) {
        this.circuits = circuits;
        this.log = log;
    }

    public List<Lane> all() {
        List<Lane> lanes = new ArrayList<>();
        for (TargetCircuit circuit : circuits.all()) {
            lanes.add(of(circuit));
        }
        return lanes;
    }

    /** The lane of a target, or null for a name that is no target. */
    public Lane of(String target) {
        TargetCircuit circuit = circuits.of(target);
        return circuit == null ? null : of(circuit);
    }

    private Lane of(TargetCircuit circuit) {
        MessageLog.LaneCounts c = counts().getOrDefault(circuit.target(), new MessageLog.LaneCounts(0, 0, null));
        TargetCircuit.State state = circuit.state();
        LanePauses.Pause pause = circuits.paused().pauseOf(circuit.target());
        Long since = state == TargetCircuit.State.PAUSED && pause != null ? Long.valueOf(pause.at())
                : state == TargetCircuit.State.CLOSED ? null : Long.valueOf(circuit.openedAt());
        return new Lane(circuit.target(), state.name().toLowerCase(Locale.ROOT), c.waiting(), c.inFlight(),
                c.oldestWaitingAt(), circuit.lastError(), circuit.lastSuccessAt() == 0 ? null : circuit.lastSuccessAt(),
                since);
    }

    /** Forgets the cached counts: the next read goes to the store (after a pause or resume). */
    void refresh() {
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
