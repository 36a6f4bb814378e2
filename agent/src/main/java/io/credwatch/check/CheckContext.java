package io.credwatch.check;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What a run may know about its own circumstances: the clock to read, the deadline to
 * finish by (so network calls can size their own timeouts), and whether it may persist
 * state (a one-shot {@code credwatch check} only reads).
 */
public record CheckContext(Clock clock, Instant deadline, boolean persistent) {

    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public Instant now() {
        return clock.instant();
    }
}
