package io.credwatch.jmx;

import io.credwatch.check.CheckReport;
import io.credwatch.check.CheckResults;
import io.credwatch.info.AgentControl;
import io.credwatch.info.ReloadOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.AttributeChangeNotification;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;

/**
 * Reads the agent's identity and roll-up live on every get; operations go straight to
 * {@link AgentControl}. Sends a notification when the overall status changes and when a
 * reload is applied or refused.
 */
final class AgentBean extends NotificationBroadcasterSupport implements AgentMXBean {

    static final String RELOAD_APPLIED = "io.credwatch.reload.applied";
    static final String RELOAD_REFUSED = "io.credwatch.reload.refused";

    static final Descriptions DESCRIPTIONS = new Descriptions(
            "The credwatch agent: identity, uptime, the worst status of all checks and which checks are not OK, "
                    + "the latest reload, and agent-wide actions. Notifies overall status changes and reloads.",
            Map.ofEntries(
                    Map.entry("Version", "credwatch version"),
                    Map.entry("UptimeSeconds", "Seconds since the agent started"),
                    Map.entry("OverallStatus", "The most severe status among the checks: CRITICAL, UNKNOWN, WARN, "
                            + "OK; PENDING while no check reports worse than OK and some have not run yet"),
                    Map.entry("OverallStatusCode", "OverallStatus as a number to chart: 0 OK, 1 WARN, 2 CRITICAL, "
                            + "3 UNKNOWN (the exit codes); -1 PENDING"),
                    Map.entry("NotOk", "The checks that are not OK, worst first: 'id STATUS CATEGORY', comma-separated; "
                            + "empty when every check is OK"),
                    Map.entry("StatusCounts", "How many checks have each status now"),
                    Map.entry("Checks", "Every check: id, kind, status, statusCode, category, summary, remediation, "
                            + "statusSince"),
                    Map.entry("ExecutionContext", "Where the agent runs: LOCAL or AWS"),
                    Map.entry("Environment", "The deployment stage this host belongs to (dev, shadow, soak, prod)"),
                    Map.entry("LastReload", "When the latest reload (SIGHUP or reloadConfig) finished, ISO-8601 UTC; "
                            + "empty before the first"),
                    Map.entry("LastReloadOutcome", "APPLIED or REFUSED; NONE before the first reload"),
                    Map.entry("LastReloadAnswer", "What the latest reload loaded, or why it was refused"),
                    Map.entry("runAllChecks", "Run every check now; returns a one-line summary once they are done"),
                    Map.entry("reloadConfig", "Re-read the configuration; a bad one is refused and the old one "
                            + "keeps running")),
            Map.of("OverallStatus", StatusCode.statusNames(), "OverallStatusCode", StatusCode.codes(),
                    "LastReloadOutcome", Set.of("NONE", "APPLIED", "REFUSED")));

    private static final MBeanNotificationInfo[] NOTIFICATIONS = {
        new MBeanNotificationInfo(new String[] {AttributeChangeNotification.ATTRIBUTE_CHANGE},
                AttributeChangeNotification.class.getName(),
                "OverallStatus changed; the user data (CompositeData) holds status, statusCode, previousStatus, "
                        + "notOk and time"),
        new MBeanNotificationInfo(new String[] {RELOAD_APPLIED, RELOAD_REFUSED}, Notification.class.getName(),
                "A reload was applied or refused; the message says what was loaded or why not, the user data "
                        + "(CompositeData) holds outcome, answer and time"),
    };

    private final ObjectName name;
    private final CheckResults results;
    private final AgentControl control;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    /** The overall status last announced; guarded by this. */
    private String announced;
    private volatile Optional<ReloadOutcome> lastReload = Optional.empty();

    AgentBean(ObjectName name, CheckResults results, AgentControl control, Clock clock) {
        super(NOTIFICATIONS);
        this.name = name;
        this.results = results;
        this.control = control;
        this.clock = clock;
        this.announced = getOverallStatus();
    }

    @Override
    public String getVersion() {
        return control.info().version();
    }

    @Override
    public long getUptimeSeconds() {
        Duration up = Duration.between(control.info().startedAt(), clock.instant());
        return Math.max(0, up.getSeconds());
    }

    @Override
    public String getOverallStatus() {
        return overall(rows());
    }

    @Override
    public int getOverallStatusCode() {
        return StatusCode.of(getOverallStatus());
    }

    @Override
    public String getNotOk() {
        return notOk(rows());
    }

    @Override
    public StatusCounts getStatusCounts() {
        Map<String, Long> counts = rows().stream().collect(Collectors.groupingBy(CheckRow::status,
                Collectors.counting()));
        return new StatusCounts(count(counts, "OK"), count(counts, "WARN"), count(counts, "CRITICAL"),
                count(counts, "UNKNOWN"), count(counts, StatusCode.PENDING));
    }

    @Override
    public List<CheckRow> getChecks() {
        return rows();
    }

    @Override
    public String getExecutionContext() {
        return control.info().executionContext();
    }

    @Override
    public String getEnvironment() {
        return control.info().environment();
    }

    @Override
    public String getLastReload() {
        return lastReload.map(r -> IsoMillis.format(r.at())).orElse("");
    }

    @Override
    public String getLastReloadOutcome() {
        return lastReload.map(AgentBean::outcome).orElse("NONE");
    }

    @Override
    public String getLastReloadAnswer() {
        return lastReload.map(ReloadOutcome::answer).orElse("");
    }

    @Override
    public String runAllChecks() {
        return control.runAllChecks();
    }

    @Override
    public String reloadConfig() {
        return control.reloadConfig();
    }

    /** After any check's status changed or the set of checks did: announces a new overall status once. */
    synchronized void rollUp() {
        List<CheckRow> rows = rows();
        String now = overall(rows);
        if (now.equals(announced)) {
            return;
        }
        String before = announced;
        announced = now;
        long at = clock.millis();
        String notOk = notOk(rows);
        AttributeChangeNotification n = new AttributeChangeNotification(name, sequence.incrementAndGet(), at,
                "overall " + before + " -> " + now + (notOk.isEmpty() ? "" : ": " + notOk), "OverallStatus",
                String.class.getName(), before, now);
        n.setUserData(NotificationData.of(NotificationData.OVERALL_STATUS, Map.of("status", now,
                "statusCode", StatusCode.of(now), "previousStatus", before, "notOk", notOk,
                "time", IsoMillis.format(clock.instant()))));
        sendNotification(n);
    }

    void reloaded(ReloadOutcome outcome) {
        lastReload = Optional.of(outcome);
        Notification n = new Notification(outcome.applied() ? RELOAD_APPLIED : RELOAD_REFUSED, name,
                sequence.incrementAndGet(), outcome.at().toEpochMilli(), outcome.answer());
        n.setUserData(NotificationData.of(NotificationData.RELOAD, Map.of("outcome", outcome(outcome),
                "answer", outcome.answer(), "time", IsoMillis.format(outcome.at()))));
        sendNotification(n);
    }

    private static String outcome(ReloadOutcome outcome) {
        return outcome.applied() ? "APPLIED" : "REFUSED";
    }

    /** One row per configured check, configuration order, PENDING for those without a result. */
    private List<CheckRow> rows() {
        Map<String, CheckReport> latest = results.latest().stream()
                .collect(Collectors.toMap(CheckReport::id, r -> r, (a, b) -> b));
        List<CheckRow> rows = new ArrayList<>();
        for (String id : results.ids()) {
            CheckReport r = latest.get(id);
            String kind = MBeanNames.kind(id);
            rows.add(r == null
                    ? new CheckRow(id, kind, StatusCode.PENDING, StatusCode.PENDING_CODE, StatusCode.PENDING, "", "",
                            "")
                    : new CheckRow(id, kind, r.status().name(), r.status().exitCode(), r.category().name(),
                            Objects.toString(r.summary(), ""), Objects.toString(r.remediation(), ""),
                            IsoMillis.format(r.lastChange())));
        }
        return rows;
    }

    /**
     * The worst status; PENDING rather than OK while some check has not run and none reports
     * worse than OK, as HTTP's /health says at least "warn" then: "nothing wrong yet" is not
     * "all OK". OK for no checks at all.
     */
    private static String overall(List<CheckRow> rows) {
        return rows.stream().map(CheckRow::status).max(Comparator.comparingInt(StatusCode::severity)).orElse("OK");
    }

    private static String notOk(List<CheckRow> rows) {
        return rows.stream().filter(r -> !"OK".equals(r.status()))
                .sorted(Comparator.comparingInt((CheckRow r) -> StatusCode.severity(r.status())).reversed())
                .map(r -> StatusCode.PENDING.equals(r.status()) ? r.id() + " PENDING"
                        : r.id() + " " + r.status() + " " + r.category())
                .collect(Collectors.joining(", "));
    }

    private static int count(Map<String, Long> counts, String status) {
        return counts.getOrDefault(status, 0L).intValue();
    }
}
