package io.credwatch.check;

/** How a check came out. The declaration order is the monitoring-plugin exit code order, not severity. */
public enum Status {
    OK, WARN, CRITICAL, UNKNOWN;

    /** The monitoring-plugin exit code: 0 OK, 1 WARN, 2 CRITICAL, 3 UNKNOWN. */
    public int exitCode() {
        return ordinal();
    }

    /**
     * Severity for aggregation. UNKNOWN is "could not tell": worse than a warning, but a
     * definite CRITICAL (a refused key) outranks it.
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

    /** The most severe of the statuses (CRITICAL over UNKNOWN over WARN over OK); OK for none. */
    public static Status worst(Iterable<Status> statuses) {
        Status worst = OK;
        for (Status s : statuses) {
            if (s.severity() > worst.severity()) {
                worst = s;
            }
        }
        return worst;
    }
}
