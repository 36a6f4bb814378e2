package io.credwatch.check;

/** How a check came out, worst last; the exit codes of {@code credwatch check} follow this order. */
public enum Status {
    OK, WARN, CRITICAL, UNKNOWN;

    /** The monitoring-plugin exit code: 0 OK, 1 WARN, 2 CRITICAL, 3 UNKNOWN. */
    public int exitCode() {
        return ordinal();
    }

    /**
     * Severity for aggregation. UNKNOWN is "could not tell", ranked between WARN and
     * CRITICAL when rolling up health (a network glitch must not page like a refused key),
     * but highest for the monitoring-plugin exit code, by that convention.
     */
    public int severity() {
        return switch (this) {
            case OK -> 0;
            case WARN -> 1;
            case UNKNOWN -> 2;
            case CRITICAL -> 3;
        };
    }

    public boolean isOk() {
        return this == OK;
    }

    public static Status worstForExit(Iterable<Status> statuses) {
        Status worst = OK;
        for (Status s : statuses) {
            if (s.exitCode() > worst.exitCode()) {
                worst = s;
            }
        }
        return worst;
    }
}
