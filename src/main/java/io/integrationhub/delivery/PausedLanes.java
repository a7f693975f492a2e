package io.integrationhub.delivery;

import java.util.Map;
import java.util.function.Consumer;

import io.integrationhub.store.LanePauses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lanes ops paused (SPEC §4, §7), as this instance sees them: read from the store at start and every second
 * (another instance may pause or resume), and at once when ops pause or resume here or, on PostgreSQL, through another
 * instance (its notice). While its lane is paused a target's messages wait: none is tried, none goes dead.
 */
public final class PausedLanes implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(PausedLanes.class);
    /** Retry-After for a synchronous message to a paused lane: a pause has no planned end (SPEC §4). */
    static final long PAUSED_RETRY_AFTER_SECONDS = 60;

    private final LanePauses pauses;
    private volatile Map<String, LanePauses.Pause> paused = Map.of();
    private volatile Consumer<String> onResumed = target -> { };

    public PausedLanes(LanePauses pauses) {
        this.pauses = pauses;
    }

    void onResumed(Consumer<String> action) {
        this.onResumed = action;
    }

    /** Reads the pauses again; scheduled every second. A store that does not answer keeps the last known ones. */
    @Override
    public void run() {
        try {
            Map<String, LanePauses.Pause> before = paused;
            Map<String, LanePauses.Pause> now = pauses.read();
            paused = now; // before the lanes are woken: a woken lane must see itself resumed
            for (String target : before.keySet()) {
                if (!now.containsKey(target)) {
                    onResumed.accept(target);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not read the paused lanes: {}", e.getMessage());
        }
    }

    public boolean isPaused(String target) {
        return paused.containsKey(target);
    }

    /** The pause of a lane, or null while it runs. */
    public LanePauses.Pause pauseOf(String target) {
        return paused.get(target);
    }

    public void pause(String target, String by) {
        pauses.pause(target, by, System.currentTimeMillis());
        run();
        LOG.warn("lane paused target={} by={}", target, by);
    }

    public void resume(String target, String by) {
        pauses.resume(target);
        run();
        onResumed.accept(target);
        LOG.info("lane resumed target={} by={}", target, by);
    }
}
