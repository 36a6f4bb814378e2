package io.credwatch.check;

import java.time.Instant;
import java.util.Map;

/**
 * A check's result as every face shows it (SPEC "A result"): the verdict plus when it ran,
 * how long it took, and how the check has been doing.
 */
public record CheckReport(String id, String type, Status status, Category category, String summary,
                          String remediation, Map<String, Object> details, Instant startedAt,
                          long durationMs, int consecutiveFailures, Instant lastChange) {

    public static CheckReport of(Check check, CheckResult result, Instant startedAt, long durationMs,
                                 int consecutiveFailures, Instant lastChange) {
        return new CheckReport(check.id(), check.type(), result.status(), result.category(), result.summary(),
                result.remediation(), result.details(), startedAt, durationMs, consecutiveFailures, lastChange);
    }
}
