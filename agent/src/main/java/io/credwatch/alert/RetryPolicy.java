package io.credwatch.alert;

import java.time.Duration;

/**
 * How hard one webhook call tries: {@code attempts} in all, waiting {@code firstBackoff}, then
 * twice that, and so on between them; each attempt bounded by {@code requestTimeout}.
 */
public record RetryPolicy(int attempts, Duration firstBackoff, Duration requestTimeout) {

    /** Worst case per call: 3 x 10 s plus 2 s + 4 s of waiting. */
    public static RetryPolicy standard() {
        return new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts < 1: " + attempts);
        }
    }

    Duration backoffBefore(int attempt) {
        return firstBackoff.multipliedBy(1L << Math.min(attempt - 2, 20));
    }
}
