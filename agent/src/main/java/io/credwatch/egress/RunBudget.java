package io.credwatch.egress;

import java.time.Duration;

/**
 * How one run of the egress check shares the time it has left between the sources and the
 * Elastic IP lookup that follows them.
 *
 * @param perSource how long each source may take
 * @param waitForAll how long the run waits for all of them: {@code perSource} and a short grace,
 *                   so a source that answers at its deadline is still heard
 */
record RunBudget(Duration perSource, Duration waitForAll) {

    /** No source is worth waiting longer for, whatever the check's timeout. */
    static final Duration SOURCE_CAP = Duration.ofSeconds(5);
    static final Duration ELASTIC_CAP = Duration.ofSeconds(5);
    private static final Duration GRACE = Duration.ofMillis(200);

    /**
     * @param remaining            what the run has left before its deadline
     * @param elasticLookupFollows the Elastic IP lookup needs half of it; without one, the sources
     *                             leave a tenth for deciding and saving
     */
    static RunBudget of(Duration remaining, boolean elasticLookupFollows) {
        Duration share = elasticLookupFollows ? remaining.dividedBy(2) : remaining.multipliedBy(9).dividedBy(10);
        Duration perSource = min(SOURCE_CAP, share);
        return new RunBudget(perSource, perSource.plus(min(GRACE, remaining.minus(perSource))));
    }

    /** The Elastic IP lookup's timeout, from what the run has left once the sources answered. */
    static Duration elasticLookup(Duration remaining) {
        return min(ELASTIC_CAP, remaining);
    }

    private static Duration min(Duration a, Duration b) {
        Duration m = a.compareTo(b) <= 0 ? a : b;
        return m.isNegative() ? Duration.ZERO : m;
    }
}
