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

    private static final String CHECK_IMDS = "check that IMDS answers on this host (curl -s -X PUT "
            + "http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 60')";

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
     * Why the SDK's instance-profile link is not worth asking this run: IMDS already failed, or
     * it lists no role. Its provider reads IMDS with no bound on time or size, and would only
     * come to the same answer.
     */
    static Optional<String> instanceProfileNotAsked(InstanceMetadataPosture.Posture posture) {
        if (posture.failure().isPresent()) {
            return Optional.of(posture.failure().get().message());
        }
        return posture.role().isEmpty() ? Optional.of("IMDS lists no role: no instance profile is attached")
                : Optional.empty();
    }

    /** @param posture what IMDS said this run; empty outside the AWS context */
    static Finding nothingFound(List<LinkAttempt> attempts, Optional<InstanceMetadataPosture.Posture> posture) {
        if (posture.isEmpty()) {
            return noCredentials(attempts, "", "attach an IAM role to the instance (instance profile); on a "
                    + "workstation, set AWS_PROFILE");
        }
        Optional<ImdsFailure> imdsDown = posture.get().failure();
        if (imdsDown.isPresent() && imdsDown.get().refused()) {
            // The SDK's last link fails the same way in every application here, on every try.
            return noCredentials(attempts, ", and IMDS refuses connections, so no application here gets the "
                    + "instance role's credentials either", CHECK_IMDS + "; enable the metadata endpoint (aws ec2 "
                    + "modify-instance-metadata-options --instance-id <this instance> --http-endpoint enabled), lift "
                    + "any firewall rule on 169.254.169.254, and attach an IAM role to the instance");
        }
        if (imdsDown.isPresent()) {
            return instanceProfileUnknown(imdsDown.get());
        }
        Optional<String> role = posture.get().role();
        if (role.isPresent()) {
            return new Finding(Status.CRITICAL, Category.EXPIRED,
                    "the instance profile role " + role.get() + " is attached but its credentials could not be "
                            + "fetched: " + attempts.get(attempts.size() - 1).reason(),
                    "check the instance profile in the EC2 console (Actions > Security > Modify IAM role) and "
                            + "the IMDS hop limit (2 in a container); restarting does not help while IMDS refuses");
        }
        return noCredentials(attempts, ", and IMDS lists no role for this instance",
                "attach an IAM role to the instance: EC2 console, Actions > Security > Modify IAM role, or "
                        + "aws ec2 associate-iam-instance-profile; every SDK application here fails until then");
    }

    /**
     * Nothing before the instance profile, and IMDS timing out, failing or answering as something
     * else: whether the role has credentials cannot be told.
     */
    private static Finding instanceProfileUnknown(ImdsFailure imds) {
        return new Finding(Status.UNKNOWN, imds.category(),
                "no AWS credentials before the instance profile, and whether it has any cannot be told: "
                        + imds.message(),
                CHECK_IMDS + ", its http-endpoint is enabled and, in a container, the hop limit is 2; every SDK "
                        + "application here fails the same way");
    }

    private static Finding noCredentials(List<LinkAttempt> attempts, String imds, String remedy) {
        StringBuilder tried = new StringBuilder();
        for (LinkAttempt attempt : attempts) {
            tried.append(tried.isEmpty() ? "" : "; ").append(attempt.link().id());
        }
        return new Finding(Status.CRITICAL, Category.NO_CREDENTIALS,
                "no AWS credentials: every link of the SDK chain came up empty (" + tried + ")" + imds, remedy);
    }
}
