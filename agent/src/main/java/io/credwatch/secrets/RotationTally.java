package io.credwatch.secrets;

import io.credwatch.check.CheckResult;
import io.credwatch.check.Expiry;
import io.credwatch.check.Status;
import io.credwatch.config.Environment;
import io.credwatch.config.SecretsRotationCheckConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one run has learned, in the order it learned it, and the result it comes to: the worst
 * finding, the others under {@code details.alsoFound}, and a row for each secret reviewed.
 */
final class RotationTally {

    private final SecretsRotationCheckConfig config;
    private final Environment environment;
    private final Duration maxAge;
    private final RotationReview review;
    /** Findings about one secret, the prefix or the service; the run reports the worst and lists the rest. */
    private final List<CheckResult> outcomes = new ArrayList<>();
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final List<String> unused = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();
    private final List<String> notAsked = new ArrayList<>();
    private final Set<String> reviewed = new HashSet<>();
    /** Each reviewed secret's rotation due date, for the faces that chart expiries. */
    private final List<Expiry> expiries = new ArrayList<>();

    /** @param environment the host's: it picks the maximum age */
    RotationTally(SecretsRotationCheckConfig config, Environment environment) {
        this.config = config;
        this.environment = environment;
        this.maxAge = config.maxAge().get(environment);
        this.review = new RotationReview(environment, maxAge);
    }

    void add(CheckResult outcome) {
        outcomes.add(outcome);
    }

    void missing(String name) {
        missing.add(name);
        outcomes.add(RotationFindings.missing(name));
    }

    void notAsked(String subject) {
        notAsked.add(subject);
    }

    /** A secret both named and under the prefix is reviewed once. */
    void review(SecretMetadata secret, Instant now) {
        if (!reviewed.add(secret.name())) {
            return;
        }
        RotationReview.Verdict v = review.review(secret, now);
        rows.add(v.details());
        v.due().ifPresent(expiries::add);
        v.unused().ifPresent(u -> unused.add(secret.name() + ": " + u));
        if (v.status() != Status.OK) {
            outcomes.add(new CheckResult(v.status(), v.category(), v.summary(), v.remediation(), Map.of()));
        }
    }

    CheckResult result() {
        List<CheckResult> worstFirst = new ArrayList<>(outcomes);
        worstFirst.sort(Comparator.comparingInt((CheckResult o) -> o.status().severity()).reversed());
        CheckResult result = worstFirst.isEmpty()
                ? CheckResult.ok(RotationFindings.allWell(config.configured(), environment, maxAge, rows.size(),
                        unused.size()))
                : worstFirst.get(0);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("environment", environment.label());
        details.put("maxAgeDays", maxAge.toDays());
        details.put("names", config.names());
        details.put("prefix", config.prefix());
        details.put("secrets", rows);
        putIfAny(details, "unused", unused);
        putIfAny(details, "missing", missing);
        putIfAny(details, "notAsked", notAsked);
        putIfAny(details, "alsoFound", worstFirst.stream().skip(1)
                .map(o -> o.status() + " " + o.category() + ": " + o.summary()).toList());
        return result.withDetails(details).withExpiries(expiries);
    }

    private static void putIfAny(Map<String, Object> details, String key, List<String> values) {
        if (!values.isEmpty()) {
            details.put(key, values);
        }
    }
}
