package io.credwatch.check;

import java.time.Duration;

/** What a face may know of a check without running it: what it is and its schedule. */
public record CheckInfo(String id, String type, Duration interval, Duration timeout, Tolerance tolerance) {

    public static CheckInfo of(Check check) {
        return new CheckInfo(check.id(), check.type(), check.interval(), check.timeout(), check.tolerance());
    }

    /**
     * Past this age without a finished run, the latest result no longer holds: two intervals
     * (one run may be jittered late) plus the timeout (the run under way may take all of it).
     */
    public Duration staleAfter() {
        return interval.multipliedBy(2).plus(timeout);
    }
}
