package io.credwatch.aws;

import io.credwatch.check.Category;
import io.credwatch.check.CheckContext;
import io.credwatch.check.Durations;
import io.credwatch.check.ExpiryPolicy;
import io.credwatch.check.Finding;
import io.credwatch.check.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The resolved key judged by its kind against where it came from and when it expires:
 * temporary credentials are fine where the SDK refreshes them and a countdown where nothing
 * does; a long-term key is out of place beside an instance role, and due for rotation past
 * the maximum age.
 */
final class KeyClassification {

    /** @param details the key's age as IAM told it, or why it is not known; empty when IAM was not asked */
    record Verdict(Finding finding, Map<String, Object> details) {
    }

    private final ExpiryPolicy policy;
    private final Duration maxKeyAge;

    KeyClassification(ExpiryPolicy policy, Duration maxKeyAge) {
        this.policy = policy;
        this.maxKeyAge = maxKeyAge;
    }

    /** @param age asked only of a long-term key with no instance role beside it */
    Verdict classify(ResolvedCredentials resolved, Optional<String> role, CheckContext context,
                     Supplier<AccessKeyAge.Answer> age) {
        String key = AccessKeyKind.shown(resolved.accessKeyId());
        return switch (resolved.kind()) {
            case TEMPORARY -> new Verdict(temporary(resolved, key, context.now()), Map.of());
            case LONG_TERM -> role.isPresent()
                    ? new Verdict(besideRole(resolved, key, role.get()), Map.of())
                    : aged(resolved, key, age.get(), context);
            case NOT_AN_ACCESS_KEY -> new Verdict(new Finding(Status.CRITICAL, Category.INVALID_CREDENTIALS,
                    "the access key id from " + resolved.source() + " is an " + AccessKeyKind.otherIdName(
                            resolved.accessKeyId()) + ", not an access key",
                    "copy the access key id (AKIA… or ASIA…) rather than the user or role id"), Map.of());
            case UNKNOWN -> new Verdict(Finding.ok("credentials " + key + " of no known kind from "
                    + resolved.source()), Map.of());
        };
    }

    private Finding temporary(ResolvedCredentials resolved, String key, Instant now) {
        if (resolved.expiry().filter(e -> ExpiryPolicy.expired(e, now)).isPresent()) {
            return new Finding(Status.CRITICAL, Category.EXPIRED, "temporary credentials " + key + " from "
                    + resolved.source() + " expired at " + resolved.expiry().get(), remedyForTemporary(resolved));
        }
        if (resolved.refreshedBySdk()) {
            return Finding.ok("temporary credentials " + key + " from " + resolved.source()
                    + ", refreshed by the SDK" + resolved.expiry()
                    .map(e -> ", current ones expire in " + Durations.approximate(Duration.between(now, e)))
                    .orElse(""));
        }
        // Never OK: whatever is left, nothing will replace them when it runs out.
        Status status = resolved.expiry()
                .map(e -> policy.statusAt(e, now) == Status.CRITICAL ? Status.CRITICAL : Status.WARN)
                .orElse(Status.WARN);
        return new Finding(status, Category.TEMPORARY_STATIC_CREDENTIALS,
                "temporary credentials " + key + " sit in " + resolved.source()
                        + " where nothing refreshes them: every service using them stops "
                        + resolved.expiry().map(e -> "in " + Durations.approximate(Duration.between(now, e))
                        + " (" + e + ")").orElse("when they expire (within hours; the expiry is not known)"),
                remedyForTemporary(resolved));
    }

    private static Finding besideRole(ResolvedCredentials resolved, String key, String role) {
        return new Finding(Status.WARN, Category.LONG_TERM_KEY, "a long-term access key " + key + " from "
                + resolved.source() + " is used although the instance has the role " + role,
                "remove the key from " + resolved.source() + " so the SDK uses the role, then "
                        + "deactivate and delete it in IAM (aws iam update-access-key --status Inactive)");
    }

    private Verdict aged(ResolvedCredentials resolved, String key, AccessKeyAge.Answer age, CheckContext context) {
        if (age.created().isEmpty()) {
            return new Verdict(Finding.ok("long-term key " + key + " from " + resolved.source()),
                    Map.of("keyAge", "unknown: " + age.unknownBecause()));
        }
        Duration old = Duration.between(age.created().get(), context.now());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("keyCreatedAt", age.created().get().toString());
        details.put("keyAgeDays", old.toDays());
        if (old.compareTo(maxKeyAge) > 0) {
            return new Verdict(new Finding(Status.WARN, Category.ROTATION_OVERDUE,
                    "long-term key " + key + " from " + resolved.source() + " is " + old.toDays()
                            + " days old, past the " + maxKeyAge.toDays() + "-day maximum",
                    "rotate it: create a second key, deploy it, then deactivate and delete this one; better, "
                            + "move the workload to an IAM role"), details);
        }
        return new Verdict(Finding.ok("long-term key " + key + " from " + resolved.source() + ", " + old.toDays()
                + " days old"), details);
    }

    /** What to do about temporary credentials that expired or will: also STS's advice when it refuses them. */
    static String remedyForTemporary(ResolvedCredentials resolved) {
        if (resolved.refreshedBySdk()) {
            return "the SDK could not refresh them: check the " + resolved.link().description();
        }
        String remove = switch (resolved.link()) {
            case ENVIRONMENT -> "remove AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from the "
                    + "services' environment (env files, units' Environment=, task definitions)";
            case SYSTEM_PROPERTIES -> "remove -Daws.accessKeyId, -Daws.secretAccessKey and -Daws.sessionToken "
                    + "from the JVM flags";
            default -> "remove the keys from " + resolved.source();
        };
        return remove + ", and attach an IAM role to the instance (instance profile), which the SDK refreshes "
                + "by itself; do not replace them with a long-term AKIA key";
    }
}
