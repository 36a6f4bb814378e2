package io.credwatch.aws;

import io.credwatch.awsclient.AwsClients;
import io.credwatch.awsclient.AwsFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/**
 * One cheap, read-only call per service the host's applications use, so that "STS works but
 * Secrets Manager is denied" shows at a glance. Nothing is read: ListSecrets asks for one
 * name, and EC2 is asked with DryRun, which answers whether the call would be allowed.
 */
public final class ServiceProbes {

    /** The services that can be named in {@code checks.aws-credentials.services}. */
    public static final List<String> KNOWN = List.of("secretsmanager", "ec2", "sts");

    /** One service's answer: the IAM action asked about and, when refused, why. */
    public record Verdict(String service, String action, Optional<AwsFailure> failure) {
        public boolean ok() {
            return failure.isEmpty();
        }

        /** For the details: "OK", or the code and what it means. */
        public String shown() {
            return failure.map(f -> f.code() + (f.message().isEmpty() ? "" : ": " + f.message())
                    + " (" + action + ")").orElse("OK");
        }
    }

    private final AwsClients aws;
    private final Clock clock;

    public ServiceProbes(AwsClients aws, Clock clock) {
        this.aws = aws;
        this.clock = clock;
    }

    public Verdict probe(String service, AwsCredentials credentials, Duration timeout) {
        Instant sent = clock.instant();
        String action = switch (service) {
            case "secretsmanager" -> "secretsmanager:ListSecrets";
            case "ec2" -> "ec2:DescribeInstances";
            case "sts" -> "sts:GetCallerIdentity";
            default -> throw new IllegalArgumentException("no probe for service " + service);
        };
        Consumer<AwsRequestOverrideConfiguration.Builder> as = AwsClients.as(credentials, timeout);
        try {
            switch (service) {
                case "secretsmanager" -> aws.secretsManagerProbe().listSecrets(r -> r.maxResults(1).overrideConfiguration(as));
                case "ec2" -> {
                    try {
                        aws.ec2Probe().describeInstances(r -> r.dryRun(true).maxResults(5).overrideConfiguration(as));
                    } catch (Ec2Exception e) {
                        // DryRun answers with an error either way: this one means "would be allowed".
                        if (e.awsErrorDetails() == null || !"DryRunOperation".equals(e.awsErrorDetails().errorCode())) {
                            throw e;
                        }
                    }
                }
                default -> aws.stsProbe().getCallerIdentity(r -> r.overrideConfiguration(as));
            }
            return new Verdict(service, action, Optional.empty());
        } catch (SdkException e) {
            return new Verdict(service, action, Optional.of(AwsFailure.of(e, sent)));
        }
    }
}
