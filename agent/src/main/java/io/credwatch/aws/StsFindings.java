package io.credwatch.aws;

import io.credwatch.awsclient.AwsFailure;
import io.credwatch.check.Category;
import io.credwatch.check.Durations;
import io.credwatch.check.ExpiryPolicy;
import io.credwatch.check.Finding;
import io.credwatch.check.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What STS's answer says besides who the credentials belong to: a clock AWS still accepts but
 * exchanges will not, or, when STS refused them, why, in the words of its error code.
 */
final class StsFindings {

    private static final String SYNC_CLOCK =
            "sync the clock: systemctl restart chronyd (the Amazon Time Sync Service is at 169.254.169.123)";

    private StsFindings() {
    }

    /** @param clockOffset server minus local, measured from an accepted answer's Date header */
    static Optional<Finding> skew(Optional<Duration> clockOffset) {
        return clockOffset.filter(o -> o.abs().compareTo(AwsFailure.SKEW_LIMIT) > 0).map(o ->
                new Finding(Status.WARN, Category.CLOCK_SKEW, "this host's clock is " + describeOffset(o)
                        + "; AWS still accepts it, exchanges with a 5 s window will not", SYNC_CLOCK));
    }

    static Finding refused(AwsFailure failure, ResolvedCredentials resolved, Instant now) {
        String key = AccessKeyKind.shown(resolved.accessKeyId());
        // AWS has been seen answering InvalidClientTokenId for an expired session token.
        boolean pastExpiry = resolved.expiry().filter(e -> ExpiryPolicy.expired(e, now)).isPresent();
        if (failure.category() == Category.INVALID_CREDENTIALS && pastExpiry) {
            return new Finding(Status.CRITICAL, Category.EXPIRED, "STS refuses " + key + " (" + failure.code()
                    + "): the credentials expired at " + resolved.expiry().get(),
                    KeyClassification.remedyForTemporary(resolved));
        }
        String said = "STS refuses " + key + " from " + resolved.source() + ": " + failure.code()
                + (failure.message().isEmpty() ? "" : " (" + failure.message() + ")");
        return switch (failure.category()) {
            case EXPIRED -> new Finding(Status.CRITICAL, Category.EXPIRED, said,
                    KeyClassification.remedyForTemporary(resolved));
            case INVALID_CREDENTIALS -> new Finding(Status.CRITICAL, Category.INVALID_CREDENTIALS,
                    failure.code().equals("SignatureDoesNotMatch")
                            ? "the secret does not match the key " + key + " from " + resolved.source() : said,
                    "the key pair in " + resolved.source() + " is wrong or was deleted: compare the key id with "
                            + "IAM (aws iam list-access-keys) and replace both halves together");
            case CLOCK_SKEW -> new Finding(Status.CRITICAL, Category.CLOCK_SKEW, said
                    + failure.clockOffset().map(o -> "; this host's clock is " + describeOffset(o)).orElse(""),
                    SYNC_CLOCK);
            // No verdict on the key: STS was not reached, or did not answer as STS.
            default -> new Finding(failure.status(), failure.category(), failure.status() == Status.UNKNOWN
                    ? "could not ask STS about " + key + " from " + resolved.source() + ": " + failure.said() : said,
                    "check that this host reaches STS (security group and NACL egress, proxy, AWS_ENDPOINT_URL)");
        };
    }

    private static String describeOffset(Duration offset) {
        // The offset is server minus local: a positive one means this host is behind.
        return Durations.approximate(offset) + (offset.isNegative() ? " ahead of" : " behind") + " AWS";
    }
}
