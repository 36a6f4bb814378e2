package io.credwatch.jmx;

/**
 * {@code io.credwatch:type=Check,name=<id>}: one check's latest result and counters. Only
 * JDK types, so clients need no credwatch classes; never a result's details, which are
 * where a check may keep data a face should not show.
 */
public interface CheckMXBean {

    String getStatus();

    String getCategory();

    String getSummary();

    String getRemediation();

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
