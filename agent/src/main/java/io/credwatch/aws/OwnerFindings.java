package io.credwatch.aws;

import io.credwatch.check.Category;
import io.credwatch.check.Finding;
import io.credwatch.check.Status;
import java.util.Optional;

/**
 * Who owns the credentials, and whether that is a problem. The account: the one STS names
 * decides; when STS gave no identity, the one read from the key id can only warn, as that
 * reading is published research, not an AWS API (account ids are not secrets: both are named).
 * The user: AWS may have quarantined it for an exposed key.
 */
final class OwnerFindings {

    private OwnerFindings() {
    }

    /** @param expected blank when {@code checks.aws-credentials.expectedAccount} is not set */
    static Optional<Finding> wrongAccount(String expected, CallerIdentity identity, ResolvedCredentials resolved) {
        if (expected.isBlank() || expected.equals(identity.account())) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Status.CRITICAL, Category.WRONG_ACCOUNT,
                "the credentials " + AccessKeyKind.shown(resolved.accessKeyId()) + " from " + resolved.source()
                        + " belong to AWS account " + identity.account() + ", not the expected " + expected,
                remedy(expected, resolved)));
    }

    /** For a run STS did not answer: the account the key id names, when it can be read and differs. */
    static Optional<Finding> wrongAccountPerKeyId(String expected, ResolvedCredentials resolved) {
        Optional<String> read = AccessKeyAccount.of(resolved.accessKeyId());
        if (expected.isBlank() || read.isEmpty() || read.get().equals(expected)) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Status.WARN, Category.WRONG_ACCOUNT,
                "per the key id, the credentials " + AccessKeyKind.shown(resolved.accessKeyId()) + " from "
                        + resolved.source() + " belong to AWS account " + read.get() + ", not the expected "
                        + expected + " (STS did not confirm it)",
                remedy(expected, resolved)));
    }

    /** When AWS quarantined the key's user: it found the key exposed, and only the key's owner can end it. */
    static Optional<Finding> quarantined(KeyQuarantine.Answer answer, String user, ResolvedCredentials resolved) {
        String key = AccessKeyKind.shown(resolved.accessKeyId());
        return answer.policy().map(policy -> new Finding(Status.CRITICAL, Category.KEY_QUARANTINED,
                "AWS found this key exposed: the IAM user " + user + " of " + key + " from " + resolved.source()
                        + " has " + policy + " attached",
                "rotate it and review CloudTrail for its use: create a new key, deploy it, deactivate and delete "
                        + key + "; leave " + policy + " attached until AWS's support case says otherwise"));
    }

    private static String remedy(String expected, ResolvedCredentials resolved) {
        return "deploy credentials of account " + expected + " to " + resolved.source()
                + " (another environment's keys?), or correct checks.aws-credentials.expectedAccount";
    }
}
