package io.credwatch.awsclient;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.imds.Ec2MetadataClient;
import software.amazon.awssdk.imds.Ec2MetadataRetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The AWS SDK clients the checks share, each built on first use: building one costs time
 * and memory, and in the LOCAL context most are never needed. They resolve
 * endpoints, region and credentials exactly as any SDK application on the host does
 * ({@code AWS_EC2_METADATA_SERVICE_ENDPOINT}, {@code AWS_ENDPOINT_URL[_EC2]}, {@code AWS_REGION}, ...).
 */
public final class AwsClients implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AwsClients.class);
    /**
     * Far above any answer the checks ask for (a full ListSecrets page, a secret of 64 KiB),
     * and small enough that the SDK's parsing of it stays a few MB of a 64 MB heap.
     */
    static final long SERVICE_ANSWER_BYTES = 2L << 20;
    /** Metadata answers are a token, a role name, an IP, a credentials document: bytes, not kilobytes. */
    static final long IMDS_ANSWER_BYTES = 64L << 10;
    static final Duration IMDS_ANSWER_WITHIN = Duration.ofSeconds(1);

    private final Duration callTimeout;
    private final ScheduledExecutorService alarms;
    private SdkHttpClient http;
    private SdkHttpClient imdsHttp;
    private Ec2MetadataClient imds;
    private Ec2Client ec2;
    private SecretsManagerClient secretsManager;
    private Region region;

    /** @param alarms a timer of the composition root's, for answers that must arrive whole in time (IMDS) */
    public AwsClients(Duration callTimeout, ScheduledExecutorService alarms) {
        this.callTimeout = callTimeout;
        this.alarms = alarms;
    }

    public Supplier<Ec2MetadataClient> imds() {
        return this::imdsClient;
    }

    public Supplier<Ec2Client> ec2() {
        return this::ec2Client;
    }

    /** Signs with the host's own chain: exchange keys kept in Secrets Manager are read as the bots read them. */
    public Supplier<SecretsManagerClient> secretsManager() {
        return this::secretsManagerClient;
    }

    /**
     * A client that signs with exactly these credentials (not the chain's: the check asks
     * about what the chain resolved), bounded by {@code timeout} in all, with no retry so
     * that a refusal is seen as it is (the SDK would silently correct a skewed clock and
     * retry). The caller closes it; the HTTP client underneath stays shared.
     */
    public <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C signedWith(
            B builder, AwsCredentials credentials, Duration timeout, Region region) {
        return builder.httpClient(http())
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .region(region)
                .overrideConfiguration(o -> o.apiCallTimeout(timeout).retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    /**
     * The region the SDK would pick ({@code AWS_REGION}, the profile, IMDS), else
     * us-east-1: the checks only need a region to have somewhere to send the call.
     */
    public synchronized Region region() {
        if (region == null) {
            try {
                region = new DefaultAwsRegionProviderChain().getRegion();
            } catch (RuntimeException e) {
                region = Region.US_EAST_1;
            }
        }
        return region;
    }

    private synchronized SdkHttpClient http() {
        if (http == null) {
            // Every service call has the SDK's call timeout; only the size needs a bound here.
            http = new BoundedHttpClient(UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(2))
                    .socketTimeout(callTimeout)
                    .build(), SERVICE_ANSWER_BYTES, Optional.empty(), alarms);
        }
        return http;
    }

    private synchronized Ec2MetadataClient imdsClient() {
        if (imds == null) {
            // One quick retry only: off EC2 the endpoint never answers, and a check must not
            // spend its whole budget waiting for it.
            // IMDS is link-local: it answers in milliseconds or not at all. The SDK's own
            // instance-profile provider gives it a second too (AWS_METADATA_SERVICE_TIMEOUT).
            imdsHttp = new BoundedHttpClient(UrlConnectionHttpClient.builder()
                    .connectionTimeout(IMDS_ANSWER_WITHIN)
                    .socketTimeout(IMDS_ANSWER_WITHIN)
                    .build(), IMDS_ANSWER_BYTES, Optional.of(IMDS_ANSWER_WITHIN), alarms);
            imds = Ec2MetadataClient.builder()
                    .httpClient(imdsHttp)
                    .retryPolicy(Ec2MetadataRetryPolicy.builder().numRetries(1).build())
                    .build();
        }
        return imds;
    }

    private synchronized Ec2Client ec2Client() {
        if (ec2 == null) {
            ec2 = Ec2Client.builder().httpClient(http()).build();
        }
        return ec2;
    }

    private synchronized SecretsManagerClient secretsManagerClient() {
        if (secretsManager == null) {
            // An explicit region: off EC2 with no AWS_REGION the SDK would refuse to build the client at all.
            secretsManager = SecretsManagerClient.builder().httpClient(http()).region(region()).build();
        }
        return secretsManager;
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable c : new AutoCloseable[] {ec2, secretsManager, imds, imdsHttp, http}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.debug("closing {} failed: {}", c.getClass().getSimpleName(), e.getClass().getName());
                }
            }
        }
        ec2 = null;
        secretsManager = null;
        imds = null;
        imdsHttp = null;
        http = null;
    }
}
