package io.credwatch.check;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Spaces on-demand runs of one check: each run is a real call to AWS or an exchange, and a
 * loop of {@code POST /checks/{id}/run} or of JMX {@code runNow()} must not turn credwatch
 * into the thing that gets the key rate-limited. It lives here, not in a face, so HTTP and
 * JMX space runs alike without one face importing the other; the composition root builds
 * one per face with the same spacing, so a script looping on HTTP does not lock an operator
 * in JConsole out, nor the other way round.
 */
public final class RunCooldown {

    private final Clock clock;
    private final Duration cooldown;
    /** Keyed by check id; only ids of configured checks get here, so it stays small. */
    private final Map<String, Instant> lastRun = new HashMap<>();

    public RunCooldown(Clock clock, Duration cooldown) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cooldown = Objects.requireNonNull(cooldown, "cooldown");
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown is negative: " + cooldown);
        }
    }

    /** No spacing at all: for a face used on its own (tests, one-shot tools). */
    public static RunCooldown none() {
        return new RunCooldown(Clock.systemUTC(), Duration.ZERO);
    }

    /**
     * Takes the slot for a run of {@code id} now, or answers how long until the next one is
     * allowed, leaving the slot as it was.
     */
    public synchronized Optional<Duration> tryAcquire(String id) {
        Instant now = clock.instant();
        Instant last = lastRun.get(id);
        if (last != null) {
            Duration wait = Duration.between(now, last.plus(cooldown));
            if (wait.compareTo(Duration.ZERO) > 0) {
                return Optional.of(wait);
            }
        }
        lastRun.put(id, now);
        return Optional.empty();
    }
}
