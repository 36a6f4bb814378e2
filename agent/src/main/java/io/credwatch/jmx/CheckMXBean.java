package io.credwatch.jmx;

/**
 * {@code io.credwatch:type=Check,kind=<kind>,name=<name>}: one check's latest result and
 * counters. Only JDK types, so clients need no credwatch classes; never a result's details,
 * which are where a check may keep data a face should not show.
 */
public interface CheckMXBean {

    /** The check id, e.g. {@code exchange:bybit-main}. */
    String getId();

    String getStatus();

    /** The status as a number for charts: 0 OK, 1 WARN, 2 CRITICAL, 3 UNKNOWN, -1 PENDING. */
    int getStatusCode();

    String getCategory();

    String getSummary();

    String getRemediation();

    /** ISO-8601 UTC (milliseconds) since when the check has had its current status; empty before the first run. */
    String getStatusSince();

    /** ISO-8601 UTC (milliseconds) start of the latest run whose reported status was OK; empty if none is known. */
    String getLastOk();

    long getIntervalSeconds();

    /** Seconds since the latest run started; -1 before the first. */
    long getSecondsSinceLastRun();

    /** The latest run's own status, before flap tolerance holds or staleness overrides it; PENDING before the first. */
    String getRawStatus();

    String getRawCategory();

    /** ISO-8601 UTC since when runs have been inconclusive while Status holds the last verdict; empty otherwise. */
    String getInconclusiveSince();

    /** True while no run has finished for twice the interval plus the timeout (Status is then UNKNOWN STALE). */
    boolean isStale();

    /** ISO-8601 UTC start of the latest run; empty before the first. */
    String getLastRun();

    long getLastDurationMillis();

    int getConsecutiveFailures();

    long getRunCount();

    long getFailureCount();

    String runNow();
}
