package io.credwatch.check;

import java.time.Instant;
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
 * @param subject      whose credential this is about; null when the check is not about one account
 * @param retryAt      when the check will next ask its service (an exchange that asked for a pause,
 *                     a call budget spent); null when it holds nothing back. An on-demand run before
 *                     it asks nothing and answers the latest report
 * @param keepsVerdict the run asked nothing and has no verdict of its own: the latest report stands,
 *                     with this run's time, {@code retryAt} and details added; its own verdict is
 *                     shown only when there is no report to keep
 */
public record CheckResult(Status status, Category category, String summary, String remediation,
                          Map<String, Object> details, List<Expiry> expiries, Subject subject, Instant retryAt,
                          boolean keepsVerdict) {

    public CheckResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(category, "category");
        summary = summary == null ? "" : summary;
        remediation = remediation == null ? "" : remediation;
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        expiries = expiries == null ? List.of() : List.copyOf(expiries);
    }

    public CheckResult(Status status, Category category, String summary, String remediation,
                       Map<String, Object> details, List<Expiry> expiries, Subject subject) {
        this(status, category, summary, remediation, details, expiries, subject, null, false);
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
        return new CheckResult(status, category, summary, remediation, copy, expiries, subject, retryAt, keepsVerdict);
    }

    public CheckResult withDetails(Map<String, ?> more) {
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.putAll(more);
        return new CheckResult(status, category, summary, remediation, copy, expiries, subject, retryAt, keepsVerdict);
    }

    public CheckResult withExpiry(Expiry expiry) {
        List<Expiry> more = new java.util.ArrayList<>(expiries);
        more.add(expiry);
        return new CheckResult(status, category, summary, remediation, details, more, subject, retryAt, keepsVerdict);
    }

    public CheckResult withExpiries(List<Expiry> all) {
        return new CheckResult(status, category, summary, remediation, details, all, subject, retryAt, keepsVerdict);
    }

    public CheckResult withSubject(Subject about) {
        return new CheckResult(status, category, summary, remediation, details, expiries, about, retryAt, keepsVerdict);
    }

    /** The same facts under another verdict. */
    public CheckResult withVerdict(Status newStatus, Category newCategory, String newSummary, String newRemediation) {
        return new CheckResult(newStatus, newCategory, newSummary, newRemediation, details, expiries, subject, retryAt,
                keepsVerdict);
    }

    /** Nothing is to be asked of the check's service before {@code at}. */
    public CheckResult withRetryAt(Instant at) {
        return new CheckResult(status, category, summary, remediation, details, expiries, subject, at, keepsVerdict);
    }

    /** A run that asked nothing: the latest report stands; this verdict shows only when there is none. */
    public CheckResult keepingVerdict() {
        return new CheckResult(status, category, summary, remediation, details, expiries, subject, retryAt, true);
    }
}
