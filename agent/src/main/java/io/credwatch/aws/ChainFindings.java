package io.credwatch.aws;

import io.credwatch.awsclient.ImdsFailure;
import io.credwatch.check.Category;
import io.credwatch.check.Finding;
import io.credwatch.check.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The links the chain tried, as the details show them, and what a chain that found nothing means. */
final class ChainFindings {

    private ChainFindings() {
    }

    static Map<String, String> linksTried(List<LinkAttempt> attempts) {
        Map<String, String> tried = new LinkedHashMap<>();
        for (LinkAttempt attempt : attempts) {
            tried.put(attempt.link().id(), attempt.reason());
        }
        return tried;
    }

    /**
     * @param role     the instance profile's role, when IMDS named one
     * @param imdsDown why IMDS did not answer this run, when it did not
     */
    static Finding nothingFound(List<LinkAttempt> attempts, Optional<String> role, Optional<ImdsFailure> imdsDown) {
        return imdsDown.map(ChainFindings::instanceProfileUnknown).orElseGet(() -> noCredentials(attempts, role));
    }

    /** Nothing before the instance profile, and IMDS not answering: whether the role has credentials is not known. */
    private static Finding instanceProfileUnknown(ImdsFailure imds) {
        return new Finding(Status.UNKNOWN, imds.category(),
                "no AWS credentials before the instance profile, and whether it has any cannot be told: "
                        + imds.message(),
                "check that IMDS answers on this host (curl -s -X PUT http://169.254.169.254/latest/api/token "
                        + "-H 'X-aws-ec2-metadata-token-ttl-seconds: 60'), its http-endpoint is enabled and, in a "
                        + "container, the hop limit is 2; every SDK application here fails the same way");
    }

    private static Finding noCredentials(List<LinkAttempt> attempts, Optional<String> role) {
        if (role.isPresent()) {
            return new Finding(Status.CRITICAL, Category.EXPIRED,
                    "the instance profile role " + role.get() + " is attached but its credentials could not be "
                            + "fetched: " + attempts.get(attempts.size() - 1).reason(),
                    "check the instance profile in the EC2 console (Actions > Security > Modify IAM role) and "
                            + "the IMDS hop limit (2 in a container); restarting does not help while IMDS refuses");
        }
        StringBuilder tried = new StringBuilder();
        for (LinkAttempt attempt : attempts) {
            tried.append(tried.isEmpty() ? "" : "; ").append(attempt.link().id());
        }
        return new Finding(Status.CRITICAL, Category.NO_CREDENTIALS,
                "no AWS credentials: every link of the SDK chain came up empty (" + tried + ")",
                "attach an IAM role to the instance (instance profile); on a workstation, set AWS_PROFILE");
    }
}
