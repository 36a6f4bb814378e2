package io.credwatch.jmx;

import io.credwatch.check.Category;
import io.credwatch.check.Status;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The status names JMX shows and the numbers beside them for charts: the exit codes (0 OK,
 * 1 WARN, 2 CRITICAL, 3 UNKNOWN) and -1 for PENDING, which is no verdict at all: below OK on
 * a chart, and never above an alarm threshold such as "≥ 1" while the agent starts.
 */
final class StatusCode {

    /** Shown for a status or category before the first run, so "not run yet" is never read as a verdict. */
    static final String PENDING = "PENDING";
    static final int PENDING_CODE = -1;

    private StatusCode() {
    }

    static int of(String status) {
        return PENDING.equals(status) ? PENDING_CODE : Status.valueOf(status).exitCode();
    }

    /** The legal values of a status attribute, for its descriptor's {@code legalValues}. */
    static Set<String> statusNames() {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(Status.values()).map(Status::name).forEach(names::add);
        names.add(PENDING);
        return Set.copyOf(names);
    }

    static Set<Integer> codes() {
        return Set.of(PENDING_CODE, 0, 1, 2, 3);
    }

    static Set<String> categoryNames() {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(Category.values()).map(Category::name).forEach(names::add);
        names.add(PENDING);
        return Set.copyOf(names);
    }

    /** Roll-up order: CRITICAL, UNKNOWN, WARN, then PENDING (not yet known), then OK. */
    static int severity(String status) {
        return PENDING.equals(status) ? 1 : Status.valueOf(status).severity() * 2;
    }
}
