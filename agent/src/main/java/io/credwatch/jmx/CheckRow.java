package io.credwatch.jmx;

/**
 * One row of the Agent's {@code Checks} table; an MXBean shows it as CompositeData, so
 * JConsole draws it without credwatch classes.
 */
public record CheckRow(String id, String kind, String status, int statusCode, String category, String summary,
                       String remediation, String statusSince) {
}
