package io.credwatch.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one run of a check found: a verdict with its cause, a one-line summary, what to do,
 * and details as data. Never holds a secret: checks put fingerprints and names in details.
 */
public record CheckResult(Status status, Category category, String summary, String remediation,
                          Map<String, Object> details) {

    public CheckResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(category, "category");
        summary = summary == null ? "" : summary;
        remediation = remediation == null ? "" : remediation;
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static CheckResult ok(String summary) {
        return new CheckResult(Status.OK, Category.NONE, summary, "", Map.of());
    }

    public static CheckResult warn(Category category, String summary, String remediation) {
        return new CheckResult(Status.WARN, category, summary, remediation, Map.of());
    }

    public static CheckResult critical(Category category, String summary, String remediation) {
        return new CheckResult(Status.CRITICAL, category, summary, remediation, Map.of());
    }

    public static CheckResult unknown(Category category, String summary, String remediation) {
        return new CheckResult(Status.UNKNOWN, category, summary, remediation, Map.of());
    }

    public CheckResult withDetail(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.put(key, value);
        return new CheckResult(status, category, summary, remediation, copy);
    }

    public CheckResult withDetails(Map<String, ?> more) {
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.putAll(more);
        return new CheckResult(status, category, summary, remediation, copy);
    }
}
