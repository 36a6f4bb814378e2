package io.credwatch.aws;

import io.credwatch.awsclient.AwsClients;
import io.credwatch.awsclient.AwsFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;

/**
 * When a long-term key was created, asked of IAM with the key itself (ListAccessKeys without
 * a user name lists the caller's own keys). Many keys are not allowed to ask: that is a
 * detail, not a failure.
 */
public final class AccessKeyAge {

    /** The creation time, or why it is not known. */
    public record Answer(Optional<Instant> created, String unknownBecause) {
    }

    private final AwsClients aws;
    private final Clock clock;

    public AccessKeyAge(AwsClients aws, Clock clock) {
        this.aws = aws;
        this.clock = clock;
    }

    public Answer lookup(AwsCredentials credentials, Duration timeout) {
        Instant sent = clock.instant();
        try {
            return aws.iamProbe().listAccessKeys(r -> r.overrideConfiguration(AwsClients.as(credentials, timeout)))
                    .accessKeyMetadata().stream()
                    .filter(k -> credentials.accessKeyId().equals(k.accessKeyId()))
                    .map(AccessKeyMetadata::createDate)
                    .findFirst()
                    .map(created -> new Answer(Optional.of(created), ""))
                    .orElse(new Answer(Optional.empty(), "IAM does not list this key for its user"));
        } catch (SdkException e) {
            AwsFailure failure = AwsFailure.of(e, sent);
            return new Answer(Optional.empty(), "iam:ListAccessKeys: " + failure.code());
        }
    }
}
