package io.credwatch.aws;

import io.credwatch.awsclient.AwsClients;
import io.credwatch.awsclient.AwsFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Asks STS who the credentials are (GetCallerIdentity needs no permission, so any refusal is
 * about the credentials themselves), and reads the server's clock off the answer.
 */
public final class CallerIdentityProbe {

    /** Either an identity or a failure, and the clock offset when the answer carried a date. */
    public record Answer(Optional<CallerIdentity> identity, Optional<AwsFailure> failure,
                         Optional<Duration> clockOffset) {
    }

    private final AwsClients aws;
    private final Clock clock;

    public CallerIdentityProbe(AwsClients aws, Clock clock) {
        this.aws = aws;
        this.clock = clock;
    }

    public Answer ask(AwsCredentials credentials, Duration timeout) {
        Instant sent = clock.instant();
        try {
            GetCallerIdentityResponse response = aws.stsProbe()
                    .getCallerIdentity(r -> r.overrideConfiguration(AwsClients.as(credentials, timeout)));
            return new Answer(Optional.of(new CallerIdentity(response.account(), response.arn(), response.userId())),
                    Optional.empty(), AwsFailure.clockOffset(response.sdkHttpResponse(), sent));
        } catch (SdkException e) {
            AwsFailure failure = AwsFailure.of(e, sent);
            return new Answer(Optional.empty(), Optional.of(failure), failure.clockOffset());
        }
    }
}
