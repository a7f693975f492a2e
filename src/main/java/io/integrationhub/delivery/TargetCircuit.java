package io.integrationhub.delivery;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.integrationhub.HubSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target's circuit breaker and rate pause (SPEC §4), kept by each instance for itself. resilience4j's
 * {@link CircuitBreaker} keeps the state: a count window of the last {@code circuit.failures} calls opening at a 100 %
 * failure rate is "that many failures in a row"; one half-open try after {@code circuit.open-ms}, asked for by the
 * lane (no timer of its own). A 429 or Webex 7020 is neither success nor failure: it pauses the lane instead.
 * {@code rate-per-second} is resilience4j's {@link RateLimiter}: the lane claims only as many messages as it has
 * permits for, so a paused lane or an open circuit is honoured while it waits for the rate.
 *
 * <p>Every attempt holds a {@link Ticket} taken when it starts: only an attempt begun in the circuit's current state
 * may move the breaker, so a call that began before the circuit opened cannot decide (or double) the half-open try.
 */
public final class TargetCircuit {

    private static final Logger LOG = LoggerFactory.getLogger(TargetCircuit.class);
    private static final Exception FAILED = new Exception("transient failure");

    /** The state ops see (SPEC §7). */
    public enum State {
        CLOSED, OPEN, HALF_OPEN, PAUSED
    }

    /** An attempt's standing with the circuit, taken when it starts. */
    public record Ticket(long generation, boolean counted) {
    }

    /** What the lane may claim now: {@code count} messages, one of them the half-open try when {@code trial}. */
    record Allowance(int count, long generation, boolean trial) {
        static final Allowance NONE = new Allowance(0, -1, false);
    }

    private final String target;
    private final CircuitBreaker breaker;
    private final AtomicLong generation = new AtomicLong();
    private final long openMs;
    private final PausedLanes paused;
    private final AtomicRateLimiter rate;
    private volatile long openedAt;
    private volatile long downSince;
    private volatile String lastError;
    private volatile long lastSuccessAt;
    private volatile long ratePausedUntil;
    private volatile Runnable onClosed = () -> { };
    private volatile java.util.function.Consumer<Boolean> onLaneChange = up -> { };

    TargetCircuit(String target, int failures, long openMs, double ratePerSecond, PausedLanes paused) {
        this.target = target;
        this.paused = paused;
        // An even pace: a period of 1/rate s (at least 50 ms, so a fast rate is not one wake-up per message) with
        // its share of permits, never a second's worth at once. Permits are taken without waiting.
        long periodNanos = ratePerSecond <= 0 ? 0 : Math.max((long) (1e9 / ratePerSecond), 50_000_000L);
        this.rate = ratePerSecond <= 0 ? null : new AtomicRateLimiter("target-" + target, RateLimiterConfig.custom()
                .limitForPeriod(Math.max(1, (int) Math.round(ratePerSecond * periodNanos / 1e9)))
                .limitRefreshPeriod(Duration.ofNanos(periodNanos)).timeoutDuration(Duration.ZERO).build());
        this.openMs = openMs;
        this.breaker = CircuitBreaker.of("target-" + target, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(failures)
                .minimumNumberOfCalls(failures)
                .failureRateThreshold(100)
                .waitDurationInOpenState(Duration.ofMillis(openMs))
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            generation.incrementAndGet();
            switch (event.getStateTransition().getToState()) {
                case OPEN -> {
                    openedAt = System.currentTimeMillis();
                    if (downSince == 0) {
                        downSince = openedAt; // a failed half-open try re-opens it: the outage goes on
                    }
                    LOG.warn("circuit open target={}: {} failures in a row, next try in {} ms", target, failures,
                            openMs);
                    onLaneChange.accept(false); // each time it opens, a failed trial's re-opening included (SPEC §7)
                }
                case CLOSED -> {
                    downSince = 0;
                    LOG.info("circuit closed target={}: it answers again", target);
                    onClosed.run();
                    onLaneChange.accept(true);
                }
                case HALF_OPEN -> LOG.info("circuit half-open target={}: trying one message", target);
                default -> { }
            }
        });
    }

    static TargetCircuit of(HubSettings settings, String target, PausedLanes paused) {
        int failures = Math.max(1, settings.getInt("hub.target." + target + ".circuit.failures", 5));
        int maxAttempts = settings.getInt("hub.retry.max-attempts", 6);
        if (failures >= maxAttempts) {
            // A lone key's head would spend its whole budget before the circuit opens, and go dead in an outage.
            LOG.warn("hub.target.{}.circuit.failures ({}) is not below hub.retry.max-attempts ({}): a message alone "
                    + "on a down target can go dead before the circuit opens", target, failures, maxAttempts);
        }
        return new TargetCircuit(target, failures,
                Math.max(1, settings.getLong("hub.target." + target + ".circuit.open-ms", 30000)),
                settings.getDouble("hub.target." + target + ".rate-per-second", 0), paused);
    }

    public String target() {
        return target;
    }

    void onClosed(Runnable action) {
        this.onClosed = action;
    }

    /** Told false each time the circuit opens, true when it closes (the target answers again). */
    void onLaneChange(java.util.function.Consumer<Boolean> listener) {
        this.onLaneChange = listener;
    }

    /** The lane's state for ops: a paused lane reports paused whatever its circuit (SPEC §7). */
    public State state() {
        if (paused.isPaused(target)) {
            return State.PAUSED;
        }
        return circuitState();
    }

    private State circuitState() {
        return switch (breaker.getState()) {
            case CLOSED, DISABLED, METRICS_ONLY -> State.CLOSED;
            case HALF_OPEN -> State.HALF_OPEN;
            default -> State.OPEN;
        };
    }

    /** The last failure's error this instance saw, or null. */
    public String lastError() {
        return lastError;
    }

    /** When this instance last delivered to the target (epoch ms), 0 if never. */
    public long lastSuccessAt() {
        return lastSuccessAt;
    }

    /** When the circuit opened after it was last closed (epoch ms), the outage's start; 0 while closed. */
    public long downSince() {
        return downSince;
    }

    boolean isClosed() {
        return breaker.getState() == CircuitBreaker.State.CLOSED;
    }

    /** Another instance's circuit for the target closed: it answers, so this one closes too, whatever it had to try. */
    void answeredElsewhere() {
        CircuitBreaker.State state = breaker.getState();
        if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.HALF_OPEN) {
            LOG.info("circuit closing target={}: another instance found it answering", target);
            breaker.transitionToClosedState();
        }
    }

    /** Taken as an attempt starts: whether it counts toward max-attempts, and the state it began in. */
    Ticket ticket() {
        long current = generation.get();
        return new Ticket(current, isClosed());
    }

    private boolean current(Ticket ticket) {
        return ticket.generation() == generation.get();
    }

    /**
     * How many of {@code free} workers may try a message now: all while closed, none while open, paused or rate
     * paused, and once the open time is over one half-open try (its permission is taken here; {@link #giveBack}
     * returns it), never more than the rate has permits for.
     */
    Allowance allowed(int free, long now) {
        if (free <= 0 || now < ratePausedUntil || paused.isPaused(target) || !ratePermitted()) {
            return Allowance.NONE;
        }
        if (isClosed()) {
            return new Allowance(takeRatePermits(free), generation.get(), false);
        }
        if (!breaker.tryAcquirePermission()) {
            return Allowance.NONE;
        }
        long trialGeneration = generation.get();
        if (takeRatePermits(1) == 0) {
            breaker.releasePermission();
            return Allowance.NONE;
        }
        return new Allowance(1, trialGeneration, true);
    }

    /** A half-open permission that found no message, or whose message was not tried: the lane may try again. */
    void giveBack(Allowance allowance) {
        if (allowance.trial() && allowance.generation() == generation.get()) {
            breaker.releasePermission();
        }
    }

    private boolean ratePermitted() {
        return rate == null || rate.getDetailedMetrics().getAvailablePermissions() > 0;
    }

    // Permits taken for messages the claim then does not find are lost: at worst one period's pace.
    private int takeRatePermits(int wanted) {
        if (rate == null) {
            return wanted;
        }
        int taken = 0;
        while (taken < wanted && rate.acquirePermission()) {
            taken++;
        }
        return taken;
    }

    /** For a synchronous message: whether it may be tried now (closed, or the half-open try). */
    boolean admitsSynchronous(long now) {
        return now >= ratePausedUntil && !paused.isPaused(target) && (isClosed() || breaker.tryAcquirePermission());
    }

    /** How long until the lane may try again while {@link #allowed} gives none: the rate pause, the open time. */
    long waitMs(long now) {
        if (paused.isPaused(target)) {
            return PausedLanes.PAUSED_RETRY_AFTER_SECONDS * 1000;
        }
        // Half-open, the one try is under way: its end wakes the lane, and until then there is nothing to do.
        long circuitLeft = switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> openedAt + openMs - now;
            case HALF_OPEN -> openMs;
            default -> 0;
        };
        long rateLeft = rate == null ? 0 : (rate.getDetailedMetrics().getNanosToWait() + 999_999) / 1_000_000;
        return Math.max(1, Math.max(Math.max(ratePausedUntil - now, circuitLeft), rateLeft));
    }

    /** Why a synchronous message is not tried now, for its error's details. */
    String refusal(long now) {
        if (paused.isPaused(target)) {
            return "lane is paused by ops";
        }
        if (now < ratePausedUntil) {
            return "lane waits: the target asked for fewer requests (429 or Webex 7020)";
        }
        return "circuit is open: the target failed repeatedly";
    }

    /** Seconds until the next try a partner may expect (Retry-After of a refused synchronous message). */
    long retryAfterSeconds(long now) {
        return Math.max(1, (waitMs(now) + 999) / 1000);
    }

    /** A synchronous message waits its turn in the target's rate (hub.target.<name>.rate-per-second). */
    void awaitRate() {
        while (rate != null && !rate.acquirePermission()) {
            java.util.concurrent.locks.LockSupport.parkNanos(Math.max(1_000_000,
                    rate.getDetailedMetrics().getNanosToWait()));
        }
    }

    /** The target answered (a success, or a refusal that says it is up): the failures in a row start again. */
    void answered(Ticket ticket, long tookNanos) {
        lastSuccessAt = System.currentTimeMillis();
        if (current(ticket)) {
            breaker.onSuccess(tookNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A try that did not reach the target (a mapping error, a delivery that broke off): its permission goes back. */
    void notTried(Ticket ticket) {
        if (current(ticket)) {
            breaker.releasePermission();
        }
    }

    /** Records how an attempt ended; a 429 or 7020 pauses the whole lane for {@code ratePauseMs}. */
    void record(Ticket ticket, Failure failure, long tookNanos, long ratePauseMs, long now) {
        lastError = failure.error();
        switch (failure.kind()) {
            case TRANSIENT, TIMEOUT -> {
                if (current(ticket)) {
                    breaker.onError(tookNanos, TimeUnit.NANOSECONDS, FAILED);
                }
            }
            case RATE_LIMITED -> {
                ratePausedUntil = Math.max(ratePausedUntil, now + ratePauseMs);
                notTried(ticket); // neither success nor failure
                LOG.warn("lane paused by the target's rate limit target={} for_ms={}", target, ratePauseMs);
            }
            case PERMANENT -> {
                if (failure.targetStatus() != null) {
                    answered(ticket, tookNanos);
                } else {
                    notTried(ticket);
                }
            }
            default -> { }
        }
    }
}
