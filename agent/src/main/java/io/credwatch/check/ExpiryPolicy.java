package io.credwatch.check;

import java.time.Duration;
import java.time.Instant;

/**
 * Turns "time left before this expires" into a status, the same way for AWS credentials,
 * exchange keys and secrets: past the expiry CRITICAL, within {@code criticalBefore}
 * CRITICAL, within {@code warnBefore} WARN, else OK.
 */
public record ExpiryPolicy(Duration warnBefore, Duration criticalBefore) {

    public Status statusAt(Instant expiry, Instant now) {
        Duration left = Duration.between(now, expiry);
        if (left.isNegative() || left.isZero() || left.compareTo(criticalBefore) <= 0) {
            return Status.CRITICAL;
        }
        return left.compareTo(warnBefore) <= 0 ? Status.WARN : Status.OK;
    }

    public static boolean expired(Instant expiry, Instant now) {
        return !now.isBefore(expiry);
    }
}
