package io.credwatch.secrets;

import io.credwatch.check.Category;
import io.credwatch.check.CredentialKind;
import io.credwatch.check.Expiry;
import io.credwatch.check.Status;
import io.credwatch.config.Environment;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One secret's metadata judged against the host environment's maximum age: past it WARN,
 * past twice it CRITICAL (ROTATION_OVERDUE); a secret nobody has read for
 * {@link #UNUSED_AFTER} is only noted, as a candidate for deletion.
 */
final class RotationReview {

    /** Long enough that a monthly or quarterly job's secret does not look abandoned. */
    static final Duration UNUSED_AFTER = Duration.ofDays(90);

    /**
     * @param details the secret's row in {@code details.secrets}
     * @param unused  "unused for N days: a candidate for deletion", when it is
     * @param due     when the secret reaches the maximum age: its last setting plus the maximum,
     *                renewed by Secrets Manager itself when rotation is enabled
     */
    record Verdict(Status status, Category category, String summary, String remediation,
                   Map<String, Object> details, Optional<String> unused, Optional<Expiry> due) {
    }

    private final Environment environment;
    private final Duration maxAge;

    RotationReview(Environment environment, Duration maxAge) {
        this.environment = environment;
        this.maxAge = maxAge;
    }

    Verdict review(SecretMetadata secret, Instant now) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", secret.name());
        Optional<SecretMetadata.LastSet> lastSet = secret.lastSet();
        lastSet.ifPresent(set -> {
            row.put("ageDays", Duration.between(set.at(), now).toDays());
            row.put("ageFrom", set.from());
        });
        row.put("maxAgeDays", maxAge.toDays());
        row.put("rotationEnabled", secret.rotationEnabled());
        secret.nextRotation().ifPresent(t -> row.put("nextRotation", t.toString()));
        row.put("lastAccessed", secret.lastAccessed().map(Instant::toString).orElse("never"));
        Optional<String> unused = unused(secret, now);
        unused.ifPresent(u -> row.put("unused", u));

        if (secret.deleted().isPresent()) {
            row.put("deleted", secret.deleted().get().toString());
            // Scheduled for deletion: it still describes, but every read fails, as for a missing secret.
            return new Verdict(Status.CRITICAL, Category.NO_CREDENTIALS, secret.name()
                    + " is scheduled for deletion (since " + secret.deleted().get() + "): reads of it fail",
                    "restore it if it is still used: aws secretsmanager restore-secret --secret-id " + secret.name()
                            + "; otherwise remove it from checks.secrets-rotation", row, unused, Optional.empty());
        }
        if (lastSet.isEmpty()) {
            return new Verdict(Status.OK, Category.NONE, secret.name() + ": Secrets Manager gives no date to age it by",
                    "", row, unused, Optional.empty());
        }
        Duration age = Duration.between(lastSet.get().at(), now);
        String said = secret.name() + " was last " + (lastSet.get().from().equals("created") ? "set" : "rotated")
                + " " + age.toDays() + " days ago";
        Optional<Expiry> due = Optional.of(new Expiry(CredentialKind.SECRET, secret.name(),
                lastSet.get().at().plus(maxAge), secret.rotationEnabled()));
        if (age.compareTo(maxAge) <= 0) {
            return new Verdict(Status.OK, Category.NONE, said, "", row, unused, due);
        }
        Status status = age.compareTo(maxAge.multipliedBy(2)) > 0 ? Status.CRITICAL : Status.WARN;
        return new Verdict(status, Category.ROTATION_OVERDUE, said + ", past the " + maxAge.toDays()
                + "-day maximum for " + environment.label()
                + (status == Status.CRITICAL ? " (more than twice it)" : ""), remediation(secret), row, unused, due);
    }

    private static String remediation(SecretMetadata secret) {
        if (secret.rotationEnabled()) {
            return "rotation is enabled but has not happened: look at the rotation function's CloudWatch logs, then "
                    + "aws secretsmanager rotate-secret --secret-id " + secret.name();
        }
        return "rotate it: create a new key at the exchange, aws secretsmanager put-secret-value --secret-id "
                + secret.name() + ", restart what reads it, then delete the old key; or enable rotation "
                + "(aws secretsmanager rotate-secret --secret-id " + secret.name() + " --rotation-lambda-arn …)";
    }

    /**
     * AWS omits LastAccessedDate for a secret never read in the region, and records it to the
     * day (API reference, DescribeSecret): "never" counts from creation, so a new secret is not
     * called unused.
     */
    private static Optional<String> unused(SecretMetadata secret, Instant now) {
        Optional<Instant> since = secret.lastAccessed().or(secret::created);
        if (since.isEmpty() || Duration.between(since.get(), now).compareTo(UNUSED_AFTER) <= 0) {
            return Optional.empty();
        }
        long days = Duration.between(since.get(), now).toDays();
        return Optional.of("unused for " + days + " days" + (secret.lastAccessed().isPresent() ? ""
                : " (never read since it was created)") + ": a candidate for deletion");
    }
}
