package io.credwatch.jmx;

import java.util.List;

/**
 * {@code io.credwatch:type=Agent}: the agent as a whole, and the culprit at a glance. Only
 * JDK types and records the MXBean mapping turns into CompositeData, so clients need no
 * credwatch classes.
 */
public interface AgentMXBean {

    String getVersion();

    long getUptimeSeconds();

    String getOverallStatus();

    /** OverallStatus as a number for charts: 0 OK, 1 WARN, 2 CRITICAL, 3 UNKNOWN, -1 PENDING. */
    int getOverallStatusCode();

    /** The checks that are not OK, worst first: {@code id STATUS CATEGORY, …}; empty when all are OK. */
    String getNotOk();

    StatusCounts getStatusCounts();

    /** Every check, configuration order. */
    List<CheckRow> getChecks();

    String getExecutionContext();

    String getEnvironment();

    /** ISO-8601 UTC (milliseconds) when the latest reload finished; empty before the first. */
    String getLastReload();

    /** APPLIED, REFUSED, or NONE before the first reload. */
    String getLastReloadOutcome();

    /** The latest reload's line: what was loaded, or why it was refused; empty before the first. */
    String getLastReloadAnswer();

    String runAllChecks();

    String reloadConfig();
}
