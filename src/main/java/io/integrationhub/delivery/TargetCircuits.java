package io.integrationhub.delivery;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import io.integrationhub.HubSettings;

/** Every target's {@link TargetCircuit}, shared by its lane, its synchronous deliveries and the ops views. */
public final class TargetCircuits {

    private final Map<String, TargetCircuit> circuits = new LinkedHashMap<>();

    private final PausedLanes paused;

    public TargetCircuits(HubSettings settings, Iterable<String> targets, PausedLanes paused) {
        this.paused = paused;
        for (String target : targets) {
            circuits.put(target, TargetCircuit.of(settings, target, paused));
        }
    }

    public PausedLanes paused() {
        return paused;
    }

    /** The target's circuit, or null for a name that is no target. */
    public TargetCircuit of(String target) {
        return target == null ? null : circuits.get(target);
    }

    /** {@code listener} is told (target, false) each time a lane's circuit opens, (target, true) when it closes. */
    public void onLaneChange(java.util.function.BiConsumer<String, Boolean> listener) {
        circuits.forEach((target, circuit) -> circuit.onLaneChange(up -> listener.accept(target, up)));
    }

    /** Another instance found {@code target} answering again: this instance's circuit for it closes too. */
    public void answeredElsewhere(String target) {
        TargetCircuit circuit = of(target);
        if (circuit != null) {
            circuit.answeredElsewhere();
        }
    }

    public Collection<TargetCircuit> all() {
        return circuits.values();
    }
}
