package io.credwatch.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one run of a check found: a verdict with its cause, a one-line summary, what to do,
 * details as data for people, and the facts a face or a rule needs as typed values: what
 * expires and when, and whose credential it is. No face reads {@code details}. Never holds a
 * secret: checks put fingerprints and names in details.
 *
 * @param subject whose credential this is about; null when the check is not about one account
 */
public record CheckResult(Status status, Category category, String summary, String remediation,
                          Map<String, Object> details, List<Expiry> expiries, Subject subject) {

    public CheckResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(category, "category");
        summary = summary == null ? "" : summary;
        remediation = remediation == null ? "" : remediation;
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        expiries = expiries == null ? List.of() : List.copyOf(expiries);
    }

    public CheckResult(Status status, Category category, String summary, String remediation,
                       Map<String, Object> details) {
        this(status, category, summary, remediation, details, List.of(), null);
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
        return new CheckResult(status, category, summary, remediation, copy, expiries, subject);
    }

    public CheckResult withDetails(Map<String, ?> more) {
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.putAll(more);
        return new CheckResult(status, category, summary, remediation, copy, expiries, subject);
    }

    public CheckResult withExpiry(Expiry expiry) {
        List<Expiry> more = new java.util.ArrayList<>(expiries);
        more.add(expiry);
        return new CheckResult(status, category, summary, remediation, details, more, subject);
    }

    public CheckResult withExpiries(List<Expiry> all) {
        return new CheckResult(status, category, summary, remediation, details, all, subject);
    }

    public CheckResult withSubject(Subject about) {
        return new CheckResult(status, category, summary, remediation, details, expiries, about);
    }

    /** The same facts under another verdict. */
    public CheckResult withVerdict(Status newStatus, Category newCategory, String newSummary, String newRemediation) {
        return new CheckResult(newStatus, newCategory, newSummary, newRemediation, details, expiries, subject);
    }
}
