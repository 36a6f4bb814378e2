package io.credwatch.check;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A check's result as every face shows it (contract "A result"): the reported verdict plus
 * when it ran, how long it took, and how the check has been doing.
 *
 * <p>{@code status}, {@code category}, {@code summary} and {@code remediation} are the
 * reported verdict, which flap tolerance may hold at the last conclusive run's while recent
 * runs could not tell; {@code rawStatus} and {@code rawCategory} are the latest run's own,
 * and {@code inconclusiveSince} says since when runs have been inconclusive while a verdict
 * is held (null otherwise). {@code expiries} and {@code subject} are the reported run's
 * typed facts. {@code retryAt} is the latest run's: until then the check asks its service
 * nothing, whatever verdict is reported meanwhile (null when it holds nothing back).
 */
public record CheckReport(String id, String type, Status status, Category category, String summary,
                          String remediation, Map<String, Object> details, Instant startedAt,
                          long durationMs, int consecutiveFailures, Instant lastChange, Status rawStatus,
                          Category rawCategory, Instant inconclusiveSince, List<Expiry> expiries, Subject subject,
                          Instant retryAt) {

    public CheckReport {
        expiries = expiries == null ? List.of() : List.copyOf(expiries);
    }

    /** A report whose run is shown as it came: nothing held, no typed facts. */
    public CheckReport(String id, String type, Status status, Category category, String summary, String remediation,
                       Map<String, Object> details, Instant startedAt, long durationMs, int consecutiveFailures,
                       Instant lastChange) {
        this(id, type, status, category, summary, remediation, details, startedAt, durationMs, consecutiveFailures,
                lastChange, status, category, null, List.of(), null, null);
    }

    /** A run reported as it came. */
    public static CheckReport of(Check check, CheckResult result, Instant startedAt, long durationMs,
                                 int consecutiveFailures, Instant lastChange) {
        return new CheckReport(check.id(), check.type(), result.status(), result.category(), result.summary(),
                result.remediation(), result.details(), startedAt, durationMs, consecutiveFailures, lastChange,
                result.status(), result.category(), null, result.expiries(), result.subject(), result.retryAt());
    }

    /** When the run behind this report finished. */
    public Instant finishedAt() {
        return startedAt.plusMillis(durationMs);
    }

    /**
     * This report as a face must show it once no run has finished for {@code age}: UNKNOWN
     * STALE, the last verdict kept as the raw one so the reader sees what it was.
     */
    public CheckReport stale(Duration age, Duration interval, Instant since) {
        String summary = "no run has finished for " + Durations.approximate(age) + " (due every "
                + Durations.format(interval) + "); the last run said " + rawStatus + " " + rawCategory;
        return new CheckReport(id, type, Status.UNKNOWN, Category.STALE, summary,
                "The check is stuck or credwatch's scheduler is starved; the log names the check that hangs. "
                        + "Restart credwatch if it does not recover (systemctl restart credwatch).",
                details, startedAt, durationMs, consecutiveFailures, since, rawStatus, rawCategory,
                inconclusiveSince, expiries, subject, retryAt);
    }

    /**
     * This report kept by a run that asked nothing ({@link CheckResult#keepsVerdict()}): the same
     * verdicts and facts, with the run's time, its {@code retryAt} and its details added.
     */
    CheckReport keptBy(CheckResult run, Instant runStartedAt, long runDurationMs, Instant changedAt) {
        Map<String, Object> merged = new LinkedHashMap<>(details);
        merged.putAll(run.details());
        return new CheckReport(id, type, status, category, summary, remediation, Collections.unmodifiableMap(merged),
                runStartedAt, runDurationMs, consecutiveFailures, changedAt, rawStatus, rawCategory,
                inconclusiveSince, expiries, subject, run.retryAt());
    }
}
