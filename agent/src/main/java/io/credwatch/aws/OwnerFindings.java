package io.credwatch.aws;

import io.credwatch.check.Category;
import io.credwatch.check.Finding;
import io.credwatch.check.Status;
import java.util.Optional;

/**
 * Whether the credentials belong to the account this host should use: the account STS names
 * decides; when STS gave no identity, the account read from the key id can only warn, as that
 * reading is published research, not an AWS API. Account ids are not secrets, and both are named.
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

    private static String remedy(String expected, ResolvedCredentials resolved) {
        return "deploy credentials of account " + expected + " to " + resolved.source()
                + " (another environment's keys?), or correct checks.aws-credentials.expectedAccount";
    }
}
