package io.credwatch.check;

/**
 * How many consecutive runs it takes to move a check's reported status (flap tolerance, as
 * Consul's and monit's checks and Dropwizard's {@code State} have it): one bad answer from a
 * flaky network must not page anyone, and a definitive answer must not wait.
 *
 * @param raiseAfter           inconclusive runs (UNKNOWN: timeout, unreachable, garbage, rate
 *                             limited) in a row before the reported status becomes UNKNOWN
 * @param raiseDefinitiveAfter definitive WARN or CRITICAL runs in a row before they are reported
 * @param clearAfter           OK runs in a row before a bad reported status clears
 */
public record Tolerance(int raiseAfter, int raiseDefinitiveAfter, int clearAfter) {

    public static final int DEFAULT_RAISE_AFTER = 3;
    public static final Tolerance DEFAULT = new Tolerance(DEFAULT_RAISE_AFTER, 1, 1);
    /** Every run reported as it comes: a one-shot {@code credwatch check} has no history to hold. */
    public static final Tolerance NONE = new Tolerance(1, 1, 1);

    public Tolerance {
        if (raiseAfter < 1 || raiseDefinitiveAfter < 1 || clearAfter < 1) {
            throw new IllegalArgumentException("run counts start at 1");
        }
    }

    /** From configuration values, each null meaning its default. */
    public static Tolerance of(Integer raiseAfter, Integer raiseDefinitiveAfter, Integer clearAfter) {
        return new Tolerance(raiseAfter == null ? DEFAULT.raiseAfter : raiseAfter,
                raiseDefinitiveAfter == null ? DEFAULT.raiseDefinitiveAfter : raiseDefinitiveAfter,
                clearAfter == null ? DEFAULT.clearAfter : clearAfter);
    }
}
