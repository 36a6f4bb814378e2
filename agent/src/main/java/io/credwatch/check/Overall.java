package io.credwatch.check;

import java.util.Collection;

/** The one roll-up every face shows: the most severe status among the latest reports. */
public final class Overall {

    private Overall() {
    }

    /** OK when nothing has reported yet: readiness, not health, says "not yet". */
    public static Status of(Collection<CheckReport> reports) {
        return Status.worst(reports.stream().map(CheckReport::status).toList());
    }
}
