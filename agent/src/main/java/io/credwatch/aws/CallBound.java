package io.credwatch.aws;

import io.credwatch.check.CheckContext;
import java.time.Duration;

/**
 * How long one call of a run may take: what is left of the run, but never more than
 * {@code most}, since no single call may take the whole budget: the later ones still need some.
 */
record CallBound(Duration most) {

    /** The bound of every call the aws-credentials check makes. */
    static final CallBound PER_CALL = new CallBound(Duration.ofSeconds(10));

    Duration within(CheckContext context) {
        Duration left = context.remaining();
        // A run out of time still hands its clients a timeout they accept: none of them takes zero.
        return left.compareTo(most) < 0 ? (left.isZero() ? Duration.ofMillis(1) : left) : most;
    }
}
