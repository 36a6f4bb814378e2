package io.credwatch.alert;

import io.credwatch.check.CheckReport;
import io.credwatch.check.Status;
import java.time.Instant;

/**
 * What one webhook call says: exactly the SPEC's fields and nothing more, so no detail of a
 * result (where a fingerprint or a path may sit) ever leaves the host.
 *
 * @param previousStatus null on a check's first run
 * @param reminder       true when the check stayed in {@code status} and this repeats it
 */
public record Alert(String check, Status status, Status previousStatus, String category, String summary,
                    String remediation, String host, String environment, Instant at, boolean reminder) {

    static Alert transition(CheckReport now, Status previous, AlertOrigin origin) {
        return of(now, previous, origin, now.startedAt(), false);
    }

    static Alert reminder(CheckReport now, AlertOrigin origin, Instant at) {
        return of(now, now.status(), origin, at, true);
    }

    private static Alert of(CheckReport r, Status previous, AlertOrigin origin, Instant at, boolean reminder) {
        return new Alert(r.id(), r.status(), previous, r.category().name(), r.summary(), r.remediation(),
                origin.host(), origin.environment(), at, reminder);
    }
}
