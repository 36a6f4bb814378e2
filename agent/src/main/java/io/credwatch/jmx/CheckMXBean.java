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

    /** ISO-8601 UTC start of the latest run; empty before the first. */
    String getLastRun();

    long getLastDurationMillis();

    int getConsecutiveFailures();

    long getRunCount();

    long getFailureCount();

    String runNow();
}
