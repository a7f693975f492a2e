package io.integrationhub.ops;

import java.util.List;

/** What ops see of the lanes and may do to them (SPEC §7); delivery keeps the lanes. */
public interface Lanes {

    /** One lane as the targets API shows it; {@code since} is when it was paused or its circuit opened. */
    record Lane(String target, String state, long waiting, long inFlight, Long oldestWaitingAt, String lastError,
                Long lastSuccessAt, Long since) {
    }

    List<Lane> all();

    /** The lane of a target, or null for a name that is no target. */
    Lane of(String target);

    /** Pauses a target's lane on every instance, recorded as paused by {@code by}. */
    void pause(String target, String by);

    void resume(String target, String by);
}
