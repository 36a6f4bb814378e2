package io.credwatch.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.credwatch.check.CheckInfo;
import io.credwatch.check.CheckReport;
import io.credwatch.check.CheckStats;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code GET /checks/{id}}: the latest result's fields at the top level (so a
 * client reads it like an element of {@code GET /checks}), then the recent history, newest
 * first, and the counters. Exactly one of {@code latest} and {@code notRunYet} is set; the
 * other writes nothing.
 */
record CheckDetail(@JsonUnwrapped CheckReport latest, @JsonUnwrapped NotRunYet notRunYet,
                   List<CheckReport> history, long runCount, long failureCount) {

    /** @param latest the report as it stands now (stale when no run finished for too long); the history is runs */
    static CheckDetail of(CheckInfo check, Optional<CheckReport> latest, List<CheckReport> history, CheckStats stats) {
        if (latest.isEmpty()) {
            return new CheckDetail(null, NotRunYet.of(check), List.of(), stats.runCount(), stats.failureCount());
        }
        return new CheckDetail(latest.get(), null, history, stats.runCount(), stats.failureCount());
    }
}
