package io.credwatch.aws;

import io.credwatch.check.Category;
import io.credwatch.check.Finding;
import io.credwatch.check.Status;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the instance metadata posture adds to a run: its details, and a warning while IMDSv1 answers. */
final class ImdsFindings {

    private ImdsFindings() {
    }

    static Map<String, Object> details(InstanceMetadataPosture.Posture posture) {
        Map<String, Object> imds = new LinkedHashMap<>();
        imds.put("reachable", posture.reachable());
        posture.failure().ifPresent(f -> {
            imds.put("refused", f.refused());
            imds.put("error", f.message());
        });
        posture.role().ifPresent(r -> imds.put("role", r));
        if (posture.reachable() && posture.role().isEmpty()) {
            imds.put("noRole", true);
        }
        posture.v1Enabled().ifPresent(v1 -> imds.put("v1Enabled", v1));
        return imds;
    }

    /** Empty when IMDSv2 is required, and when whether it is could not be told. */
    static Optional<Finding> v1Warning(InstanceMetadataPosture.Posture posture) {
        if (!posture.v1Enabled().orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Status.WARN, Category.IMDS_V1_ENABLED,
                "the instance still answers IMDSv1 (no token): an SSRF anywhere on the host can read "
                        + "the role's credentials",
                "require IMDSv2: aws ec2 modify-instance-metadata-options --instance-id <this instance> "
                        + "--http-tokens required --http-endpoint enabled (SDKs since 2019 already use v2)"));
    }
}
