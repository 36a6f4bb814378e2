package io.credwatch.check;

/** Counters a face may show beside the latest report. */
public record CheckStats(long runCount, long failureCount) {
}
