package io.credwatch.config;

/**
 * A check's flap tolerance as configured ({@code raiseAfter}, {@code raiseDefinitiveAfter},
 * {@code clearAfter}): how many runs in a row move its reported status. Null means the
 * default (3, 1 and 1), which the check core applies.
 */
public interface FlapCounts {

    /** Inconclusive runs (UNKNOWN) in a row before the reported status becomes UNKNOWN. */
    Integer raiseAfter();

    /** Definitive WARN or CRITICAL runs in a row before they are reported. */
    Integer raiseDefinitiveAfter();

    /** OK runs in a row before a bad reported status clears. */
    Integer clearAfter();
}
