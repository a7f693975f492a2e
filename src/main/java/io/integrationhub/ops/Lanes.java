package io.integrationhub.ops;

import java.util.List;

/** What ops see of the lanes and may do to them (SPEC §7); delivery keeps the lanes. */
public interface Lanes {

    /** One lane as the targets API shows it; {@code since} is when it was paused or its circuit opened. */
    record Lane(String target, String state, long waiting, long inFlight, Long oldestWaitingAt, String lastError,
                Long lastSuccessAt, Long since) {
    }

    /** A lane's state alone, and since when it is not closed: what the {@code targets} health check shows. */
    record State(String target, String state, Long since) {
    }

    List<Lane> all();

    /** Every lane's state, from this instance's circuits and pauses: no count in the store, unlike {@link #all}. */
    List<State> states();

    /** The lane of a target, or null for a name that is no target. */
    Lane of(String target);

    /** Pauses a target's lane on every instance, recorded as paused by {@code by}. */
    void pause(String target, String by);

    void resume(String target, String by);
}
