package io.credwatch.secrets;

import io.credwatch.awsclient.AwsFailure;
import io.credwatch.check.Category;
import io.credwatch.check.CheckResult;
import io.credwatch.config.Environment;
import io.credwatch.config.SecretEnvironment;
import java.time.Duration;
import java.util.Map;

/**
 * How the rotation check words what is not a secret's age ({@link RotationReview} words that):
 * a secret of another environment, one that is missing, an empty prefix, a call that failed
 * or was not made for lack of time, and the summary of a run with nothing to report.
 */
final class RotationFindings {

    private RotationFindings() {
    }

    /** @param field where the name is configured, e.g. {@code exchanges[1].credentials.secretsManager} */
    static CheckResult mixed(SecretEnvironment.Foreign foreign, String field) {
        return CheckResult.critical(Category.ENVIRONMENT_MIXED, foreign.summary(field), foreign.remediation());
    }

    static CheckResult missing(String name) {
        // NO_CREDENTIALS: whatever reads this name gets no credential at all, as when a
        // chain finds none; EXPIRED or INVALID_CREDENTIALS would speak of a value that is not there.
        return CheckResult.critical(Category.NO_CREDENTIALS, "the secret " + name
                + " does not exist in Secrets Manager (ResourceNotFoundException)",
                "create it (aws secretsmanager create-secret --name " + name + "), or correct "
                        + "checks.secrets-rotation.names; check the region too (AWS_REGION): secrets are regional");
    }

    static CheckResult emptyPrefix(String prefix) {
        return CheckResult.warn(Category.NO_CREDENTIALS, "no secret under the prefix " + prefix,
                "correct checks.secrets-rotation.prefix (ListSecrets matches names from their start, "
                        + "case-sensitively), and check the region (AWS_REGION): secrets are regional");
    }

    static CheckResult outOfTime(String subject, Duration timeout) {
        return CheckResult.unknown(Category.TIMEOUT, "out of time before asking about " + subject,
                "raise checks.secrets-rotation.timeout (" + timeout.toSeconds() + "s)");
    }

    /**
     * @param action   the Secrets Manager action, e.g. {@code DescribeSecret}
     * @param resource what a policy must grant the action on
     */
    static CheckResult failed(AwsFailure failure, String action, String subject, String resource) {
        if (failure.category() == Category.ACCESS_DENIED) {
            // WARN for aws-credentials' optional probes; here it leaves the check unable to do its job at all.
            return CheckResult.critical(Category.ACCESS_DENIED, "this host's role may not call secretsmanager:"
                    + action + " on " + subject + " (" + failure.code() + ")", "grant secretsmanager:" + action
                    + " on " + resource + " to this host's IAM role (instance profile)");
        }
        String remedy = switch (failure.category()) {
            case INVALID_CREDENTIALS, EXPIRED ->
                    "Secrets Manager refuses this host's AWS credentials: see the aws-credentials check";
            case CLOCK_SKEW ->
                    "sync the clock: systemctl restart chronyd (the Amazon Time Sync Service is at 169.254.169.123)";
            default -> "check that this host reaches Secrets Manager (security group and NACL egress, VPC endpoint, "
                    + "proxy, AWS_ENDPOINT_URL)";
        };
        return new CheckResult(failure.status(), failure.category(), "secretsmanager:" + action + " on " + subject
                + " failed: " + failure.said(), remedy, Map.of());
    }

    /**
     * @param configured whether names or a prefix are configured; without them only the exchange
     *                   accounts' secrets were judged
     */
    static String allWell(boolean configured, Environment environment, Duration maxAge, int secrets, int unused) {
        if (!configured) {
            return "every exchange account's secret is a " + environment.label() + " secret";
        }
        return secrets + " secret" + (secrets == 1 ? "" : "s") + " rotated within the "
                + maxAge.toDays() + "-day maximum for " + environment.label()
                + (unused == 0 ? "" : "; " + unused + " unused");
    }
}
