package io.credwatch.jmx;

import io.credwatch.check.Category;
import io.credwatch.check.CheckReport;
import io.credwatch.check.CheckResults;
import io.credwatch.check.CheckRuns;
import io.credwatch.check.CheckStats;
import io.credwatch.check.Durations;
import io.credwatch.check.RunWait;
import io.credwatch.check.StatusChange;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.AttributeChangeNotification;
import javax.management.MBeanNotificationInfo;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;

/**
 * One check as JMX sees it: attributes read the store's latest report on every get, so
 * they never go stale; a status change becomes an {@link AttributeChangeNotification} on
 * {@code Status}.
 */
final class CheckBean extends NotificationBroadcasterSupport implements CheckMXBean {

    /** Shown for Status and Category before the first run, so "not run yet" is never read as a verdict. */
    static final String PENDING = "PENDING";

    /** How long past the check's own timeout runNow waits: the runner's timeout answers by then. */
    static final Duration GRACE = Duration.ofSeconds(5);

    static final Descriptions DESCRIPTIONS = new Descriptions(
            "One credwatch check: its latest result and counters. Sends an AttributeChangeNotification "
                    + "on Status whenever the status changes.",
            Map.ofEntries(
                    Map.entry("Status", "OK, WARN, CRITICAL or UNKNOWN; PENDING before the first run"),
                    Map.entry("Category", "The cause behind the status (NONE when OK); PENDING before the first run"),
                    Map.entry("Summary", "One line on what the latest run found"),
                    Map.entry("Remediation", "What to do about it; empty when nothing needs doing"),
                    Map.entry("RawStatus", "The latest run's own status, before flap tolerance or staleness; "
                            + "PENDING before the first run"),
                    Map.entry("RawCategory", "The latest run's own category; PENDING before the first run"),
                    Map.entry("InconclusiveSince", "Since when runs could not tell while Status holds the last "
                            + "verdict, ISO-8601 UTC; empty otherwise"),
                    Map.entry("Stale", "True while no run has finished for twice the interval plus the timeout"),
                    Map.entry("LastRun", "When the latest run started, ISO-8601 UTC; empty before the first run"),
                    Map.entry("LastDurationMillis", "How long the latest run took, in milliseconds"),
                    Map.entry("ConsecutiveFailures", "Runs in a row that were not OK"),
                    Map.entry("RunCount", "Runs since the agent started"),
                    Map.entry("FailureCount", "Runs since the agent started that were not OK"),
                    Map.entry("runNow", "Run this check now and return 'STATUS CATEGORY: summary'")));

    private static final MBeanNotificationInfo STATUS_CHANGES = new MBeanNotificationInfo(
            new String[] {AttributeChangeNotification.ATTRIBUTE_CHANGE},
            AttributeChangeNotification.class.getName(),
            "The check's Status changed; old and new values are status names");

    private final String id;
    private final ObjectName name;
    private final CheckResults results;
    private final CheckRuns runs;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    CheckBean(String id, ObjectName name, CheckResults results, CheckRuns runs, Clock clock) {
        super(STATUS_CHANGES);
        this.id = id;
        this.name = name;
        this.results = results;
        this.runs = runs;
        this.clock = clock;
    }

    @Override
    public String getStatus() {
        return latest().map(r -> r.status().name()).orElse(PENDING);
    }

    @Override
    public String getCategory() {
        return latest().map(r -> r.category().name()).orElse(PENDING);
    }

    @Override
    public String getSummary() {
        return latest().map(CheckReport::summary).orElse("");
    }

    @Override
    public String getRemediation() {
        return latest().map(CheckReport::remediation).orElse("");
    }

    @Override
    public String getRawStatus() {
        return latest().map(r -> r.rawStatus().name()).orElse(PENDING);
    }

    @Override
    public String getRawCategory() {
        return latest().map(r -> r.rawCategory().name()).orElse(PENDING);
    }

    @Override
    public String getInconclusiveSince() {
        return latest().map(CheckReport::inconclusiveSince).map(DateTimeFormatter.ISO_INSTANT::format).orElse("");
    }

    @Override
    public boolean isStale() {
        return latest().map(r -> r.category() == Category.STALE).orElse(false);
    }

    @Override
    public String getLastRun() {
        return latest().map(r -> DateTimeFormatter.ISO_INSTANT.format(r.startedAt())).orElse("");
    }

    @Override
    public long getLastDurationMillis() {
        return latest().map(CheckReport::durationMs).orElse(0L);
    }

    @Override
    public int getConsecutiveFailures() {
        return latest().map(CheckReport::consecutiveFailures).orElse(0);
    }

    @Override
    public long getRunCount() {
        return stats().runCount();
    }

    @Override
    public long getFailureCount() {
        return stats().failureCount();
    }

    @Override
    public String runNow() {
        RunWait outcome = runs.runAndWait(id, GRACE);
        if (outcome instanceof RunWait.Finished finished) {
            return verdict(finished.report());
        }
        if (outcome instanceof RunWait.StillRunning still) {
            return PENDING + ": still running after " + Durations.format(still.waited())
                    + "; Status shows the verdict once it finishes";
        }
        if (outcome instanceof RunWait.Interrupted) {
            Thread.currentThread().interrupt();
            return PENDING + ": interrupted while waiting; Status shows the verdict once the run finishes";
        }
        return "UNKNOWN INTERNAL_ERROR: " + ((RunWait.Refused) outcome).reason();
    }

    ObjectName objectName() {
        return name;
    }

    /** Called on a results thread for this check's status changes; the first run counts, from PENDING. */
    void statusChanged(StatusChange change) {
        String before = change.previous() == null ? PENDING : change.previous().status().name();
        CheckReport now = change.current();
        String after = now.status().name();
        // The source is the ObjectName, not this object: the MBean server only swaps in the
        // name for the registered object itself, and this emitter sits behind a wrapper.
        sendNotification(new AttributeChangeNotification(name, sequence.incrementAndGet(), clock.millis(),
                id + ": " + before + " -> " + verdict(now), "Status", String.class.getName(), before, after));
    }

    private static String verdict(CheckReport report) {
        return report.status() + " " + report.category() + ": " + report.summary();
    }

    private Optional<CheckReport> latest() {
        return results.latest(id);
    }

    private CheckStats stats() {
        return results.stats(id).orElse(new CheckStats(0, 0));
    }
}
