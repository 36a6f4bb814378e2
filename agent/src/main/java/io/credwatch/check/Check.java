package io.credwatch.check;

import java.time.Duration;

/**
 * One question credwatch keeps asking. A check only answers: the scheduler times it,
 * bounds it, turns anything it throws into {@code UNKNOWN}, keeps history and announces
 * status changes.
 */
public interface Check {

    /** Stable id, e.g. {@code egress-ip} or {@code exchange:cryptocom-main}. */
    String id();

    /** The kind of check, e.g. {@code egress-ip} or {@code exchange}. */
    String type();

    Duration interval();

    /** The whole run, every attempt included; past it the run is abandoned as TIMEOUT. */
    Duration timeout();

    CheckResult run(CheckContext context) throws Exception;

    /** How many runs in a row move the reported status; see {@link Tolerance}. */
    default Tolerance tolerance() {
        return Tolerance.DEFAULT;
    }
}
