package io.credwatch.jmx;

/** How many checks have each status now; shown as CompositeData by the Agent MXBean. */
public record StatusCounts(int ok, int warn, int critical, int unknown, int pending) {
}
