package io.integrationhub.delivery;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.integrationhub.HubSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target's circuit breaker and rate pause (SPEC §4), kept by each instance for itself. resilience4j's
 * {@link CircuitBreaker} keeps the state: a count window of the last {@code circuit.failures} calls opening at a 100 %
 * failure rate is "that many failures in a row"; one half-open try after {@code circuit.open-ms}, asked for by the
 * lane (no timer of its own). A 429 or Webex 7020 is neither success nor failure: it pauses the lane instead.
 * {@code rate-per-second} is resilience4j's {@link RateLimiter}, waited for before each attempt.
 */
public final class TargetCircuit {

    private static final Logger LOG = LoggerFactory.getLogger(TargetCircuit.class);
    private static final Exception FAILED = new Exception("transient failure");

    /** The state ops see (SPEC §7). */
    public enum State {
        CLOSED, OPEN, HALF_OPEN, PAUSED
    }

    private final String target;
    private final CircuitBreaker breaker;
    private final long openMs;
    private final PausedLanes paused;
    private final RateLimiter rate;
    private volatile long openedAt;
    private volatile String lastError;
    private volatile long lastSuccessAt;
    private volatile long ratePausedUntil;
    private volatile Runnable onClosed = () -> { };

    TargetCircuit(String target, int failures, long openMs, double ratePerSecond, PausedLanes paused) {
        this.target = target;
        this.paused = paused;
        // One permit every 1/rate seconds: an even pace, not a burst at the start of each second.
        this.rate = ratePerSecond <= 0 ? null : RateLimiter.of("target-" + target, RateLimiterConfig.custom()
                .limitForPeriod(1).limitRefreshPeriod(Duration.ofNanos(Math.max(1, (long) (1e9 / ratePerSecond))))
                .timeoutDuration(Duration.ofDays(1)).build());
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
            switch (event.getStateTransition().getToState()) {
                case OPEN -> {
                    openedAt = System.currentTimeMillis();
                    LOG.warn("circuit open target={}: {} failures in a row, next try in {} ms", target, failures,
                            openMs);
                }
                case CLOSED -> {
                    LOG.info("circuit closed target={}: it answers again", target);
                    onClosed.run();
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

    /** When the circuit last opened (epoch ms), 0 if never. */
    public long openedAt() {
        return openedAt;
    }

    boolean isClosed() {
        return breaker.getState() == CircuitBreaker.State.CLOSED;
    }

    /**
     * How many of {@code free} workers may try a message now: all while closed, none while open or rate paused, and
     * once the open time is over one half-open try (its permission is taken here; {@link #unused} gives it back).
     */
    int allowed(int free, long now) {
        if (free <= 0 || now < ratePausedUntil || paused.isPaused(target)) {
            return 0;
        }
        if (isClosed()) {
            return free;
        }
        return breaker.tryAcquirePermission() ? 1 : 0;
    }

    /** A permission from {@link #allowed} that found no message to try. */
    void unused() {
        breaker.releasePermission();
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
        return Math.max(1, Math.max(ratePausedUntil - now, circuitLeft));
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

    /** Waits for the target's rate (hub.target.<name>.rate-per-second) to allow one more attempt. */
    void awaitRate() {
        if (rate != null) {
            rate.acquirePermission();
        }
    }

    /** The target answered (a success, or a refusal that says it is up): the failures in a row start again. */
    void answered(long tookNanos) {
        lastSuccessAt = System.currentTimeMillis();
        breaker.onSuccess(tookNanos, TimeUnit.NANOSECONDS);
    }

    /** A connection error, timeout, 5xx or Webex 7005. */
    void failed(long tookNanos) {
        breaker.onError(tookNanos, TimeUnit.NANOSECONDS, FAILED);
    }

    /** A 429 or Webex 7020: the whole lane waits this long; the call counts neither way. */
    void rateLimited(long pauseMs, long now) {
        ratePausedUntil = Math.max(ratePausedUntil, now + pauseMs);
        breaker.releasePermission();
        LOG.warn("lane paused by the target's rate limit target={} for_ms={}", target, pauseMs);
    }

    /** A try that did not reach the target (a mapping error): its permission goes back. */
    void notTried() {
        breaker.releasePermission();
    }

    /** Records how an attempt ended. */
    void record(Failure failure, long tookNanos, long ratePauseMs, long now) {
        lastError = failure.error();
        switch (failure.kind()) {
            case TRANSIENT, TIMEOUT -> failed(tookNanos);
            case RATE_LIMITED -> rateLimited(ratePauseMs, now);
            case PERMANENT -> {
                if (failure.targetStatus() != null) {
                    answered(tookNanos);
                } else {
                    notTried();
                }
            }
            default -> { }
        }
    }
}
