package io.credwatch.jmx;

import io.credwatch.check.Category;
import io.credwatch.check.CheckInfo;
import io.credwatch.check.CheckReport;
import io.credwatch.check.CheckResults;
import io.credwatch.check.CheckRuns;
import io.credwatch.check.CheckStats;
import io.credwatch.check.Durations;
import io.credwatch.check.RunCooldown;
import io.credwatch.check.RunWait;
import io.credwatch.check.Status;
import io.credwatch.check.StatusChange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.AttributeChangeNotification;
import javax.management.MBeanNotificationInfo;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;

/**
 * One check as JMX sees it: attributes read the store's latest report on every get, so
 * they never go stale; a status change becomes an {@link AttributeChangeNotification} on
 * {@code Status} whose user data holds the whole change.
 */
final class CheckBean extends NotificationBroadcasterSupport implements CheckMXBean {

    static final String PENDING = StatusCode.PENDING;

    /** How long past the check's own timeout runNow waits: the runner's timeout answers by then. */
    static final Duration GRACE = Duration.ofSeconds(5);

    static final Descriptions DESCRIPTIONS = new Descriptions(
            "One credwatch check: its latest result and counters. Sends an AttributeChangeNotification "
                    + "on Status whenever the status changes, with the whole change as user data.",
            Map.ofEntries(
                    Map.entry("Id", "The check id, e.g. exchange:bybit-main"),
                    Map.entry("Status", "OK, WARN, CRITICAL or UNKNOWN; PENDING before the first run"),
                    Map.entry("StatusCode", "Status as a number to chart: 0 OK, 1 WARN, 2 CRITICAL, 3 UNKNOWN "
                            + "(the exit codes); -1 PENDING"),
                    Map.entry("Category", "The cause behind the status (NONE when OK); PENDING before the first run"),
                    Map.entry("Summary", "One line on what the latest run found"),
                    Map.entry("Remediation", "What to do about it; empty when nothing needs doing"),
                    Map.entry("StatusSince", "Since when the check has had its current status, ISO-8601 UTC; "
                            + "empty before the first run"),
                    Map.entry("LastOk", "When the latest run reported OK started, ISO-8601 UTC; empty if none is known"),
                    Map.entry("IntervalSeconds", "Seconds between scheduled runs"),
                    Map.entry("SecondsSinceLastRun", "Seconds since the latest run started; -1 before the first run"),
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
                    Map.entry("runNow", "Run this check now and return 'STATUS CATEGORY: summary'; within 5 s of "
                            + "the last runNow it runs nothing and returns the latest result "
                            + "and when it may run again")),
            Map.of("Status", StatusCode.statusNames(), "RawStatus", StatusCode.statusNames(),
                    "StatusCode", StatusCode.codes(), "Category", StatusCode.categoryNames(),
                    "RawCategory", StatusCode.categoryNames()));

    private static final MBeanNotificationInfo STATUS_CHANGES = new MBeanNotificationInfo(
            new String[] {AttributeChangeNotification.ATTRIBUTE_CHANGE},
            AttributeChangeNotification.class.getName(),
            "The check's Status changed; old and new values are status names, the user data "
                    + "(CompositeData) holds id, kind, status, statusCode, previousStatus, category, summary, "
                    + "remediation and time");

    private final String id;
    private final ObjectName name;
    private final CheckResults results;
    private final CheckRuns runs;
    private final RunCooldown cooldown;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    /** The start of the latest OK run this bean saw leave OK: history holds only the last runs. */
    private final AtomicReference<Instant> lastOkSeen = new AtomicReference<>();

    CheckBean(String id, ObjectName name, CheckResults results, CheckRuns runs, RunCooldown cooldown, Clock clock) {
        super(STATUS_CHANGES);
        this.id = id;
        this.name = name;
        this.results = results;
        this.runs = runs;
        this.cooldown = cooldown;
        this.clock = clock;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getStatus() {
        return latest().map(r -> r.status().name()).orElse(PENDING);
    }

    @Override
    public int getStatusCode() {
        return StatusCode.of(getStatus());
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
    public String getStatusSince() {
        return IsoMillis.format(latest().map(CheckReport::lastChange).orElse(null));
    }

    @Override
    public String getLastOk() {
        Instant fromHistory = results.history(id).stream().filter(r -> r.status() == Status.OK)
                .map(CheckReport::startedAt).findFirst().orElse(null);
        Instant seen = lastOkSeen.get();
        Instant last = fromHistory == null ? seen : seen == null || fromHistory.isAfter(seen) ? fromHistory : seen;
        return IsoMillis.format(last);
    }

    @Override
    public long getIntervalSeconds() {
        return results.info(id).map(CheckInfo::interval).map(Duration::getSeconds).orElse(0L);
    }

    @Override
    public long getSecondsSinceLastRun() {
        return latest().map(r -> Math.max(0, Duration.between(r.startedAt(), clock.instant()).getSeconds()))
                .orElse(-1L);
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
        return IsoMillis.format(latest().map(CheckReport::inconclusiveSince).orElse(null));
    }

    @Override
    public boolean isStale() {
        return latest().map(r -> r.category() == Category.STALE).orElse(false);
    }

    @Override
    public String getLastRun() {
        return IsoMillis.format(latest().map(CheckReport::startedAt).orElse(null));
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

    /** Spaced as HTTP's POST /checks/{id}/run (the same class and spacing): a loop of calls runs the check once. */
    @Override
    public String runNow() {
        Optional<Duration> wait = cooldown.tryAcquire(id);
        if (wait.isPresent()) {
            String latest = latest().map(CheckBean::verdict).orElse(PENDING + ": no result yet");
            return latest + " (run on demand too recently, nothing run; may run again at "
                    + IsoMillis.format(clock.instant().plus(wait.get())) + ")";
        }
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
        if (change.previous() != null && change.previous().status() == Status.OK) {
            lastOkSeen.accumulateAndGet(change.previous().startedAt(),
                    (a, b) -> a == null || b.isAfter(a) ? b : a);
        }
        String before = change.previous() == null ? PENDING : change.previous().status().name();
        CheckReport now = change.current();
        String after = now.status().name();
        Instant at = clock.instant();
        // The source is the ObjectName, not this object: the MBean server only swaps in the
        // name for the registered object itself, and this emitter sits behind a wrapper.
        AttributeChangeNotification n = new AttributeChangeNotification(name, sequence.incrementAndGet(),
                at.toEpochMilli(), id + ": " + before + " -> " + verdict(now), "Status", String.class.getName(),
                before, after);
        n.setUserData(NotificationData.of(NotificationData.CHECK_STATUS, Map.of(
                "id", id, "kind", MBeanNames.kind(id), "status", after, "statusCode", StatusCode.of(after),
                "previousStatus", before, "category", now.category().name(), "summary", Objects.toString(now.summary(), ""),
                "remediation", Objects.toString(now.remediation(), ""), "time", IsoMillis.format(at))));
        sendNotification(n);
    }

    static String verdict(CheckReport report) {
        return report.status() + " " + report.category() + ": " + report.summary();
    }

    private Optional<CheckReport> latest() {
        return results.latest(id);
    }

    private CheckStats stats() {
        return results.stats(id).orElse(new CheckStats(0, 0));
    }
}
