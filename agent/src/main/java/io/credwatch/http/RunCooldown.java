package io.credwatch.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Spaces on-demand runs of one check: each run is a real call to AWS or an exchange, and a
 * loop of {@code POST /checks/{id}/run} must not turn credwatch into the thing that gets
 * the key rate-limited.
 */
final class RunCooldown {

    private final Clock clock;
    private final Duration cooldown;
    /** Keyed by check id; only ids of configured checks get here, so it stays small. */
    private final Map<String, Instant> lastRun = new HashMap<>();

    RunCooldown(Clock clock, Duration cooldown) {
        this.clock = clock;
        this.cooldown = cooldown;
    }

    /**
     * Takes the slot for a run of {@code id} now, or answers how long until the next one is
     * allowed, leaving the slot as it was.
     */
    synchronized Optional<Duration> tryAcquire(String id) {
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
