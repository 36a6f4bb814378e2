package io.credwatch.awsclient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.imds.Ec2MetadataClient;
import software.amazon.awssdk.imds.Ec2MetadataRetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

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
    /** A probe client's own credentials: none. Each call names its own ({@link #as}); one that forgets is refused. */
    private static final AwsCredentialsProvider UNSIGNED_PROBE = () -> {
        throw SdkClientException.create("a probe call names the credentials it signs with");
    };

    private final Duration callTimeout;
    private final ScheduledExecutorService alarms;
    private SdkHttpClient http;
    private SdkHttpClient imdsHttp;
    private Ec2MetadataClient imds;
    private Ec2Client ec2;
    private SecretsManagerClient secretsManager;
    /** The probe clients built so far, by type. */
    private final Map<Class<? extends SdkClient>, SdkClient> probes = new LinkedHashMap<>();
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
     * STS for the checks' probes, signing with the credentials each call names ({@link #as}),
     * never the chain's: the check asks about what the chain resolved. Probe clients make no
     * retry, so that a refusal is seen as it is (the SDK would silently correct a skewed clock
     * and retry). Built once and shared, as an SDK application keeps its clients: building
     * one per run cost the CPU of the check itself (docs/performance.md).
     */
    public StsClient stsProbe() {
        return probe(StsClient.class, StsClient::builder, this::region);
    }

    /** IAM for the probes, as {@link #stsProbe()}; IAM is global, its endpoint in the aws-global region. */
    public IamClient iamProbe() {
        return probe(IamClient.class, IamClient::builder, () -> Region.AWS_GLOBAL);
    }

    /** EC2 for the probes, as {@link #stsProbe()}. */
    public Ec2Client ec2Probe() {
        return probe(Ec2Client.class, Ec2Client::builder, this::region);
    }

    /** Secrets Manager for the probes, as {@link #stsProbe()}. */
    public SecretsManagerClient secretsManagerProbe() {
        return probe(SecretsManagerClient.class, SecretsManagerClient::builder, this::region);
    }

    /**
     * A probe call's own settings: signed with exactly {@code credentials}, and over within
     * {@code timeout}, every attempt and page included. The SDK's per-request override, so one
     * client serves every set of credentials at once.
     */
    public static Consumer<AwsRequestOverrideConfiguration.Builder> as(AwsCredentials credentials, Duration timeout) {
        StaticCredentialsProvider provider = StaticCredentialsProvider.create(credentials);
        return o -> o.credentialsProvider(provider).apiCallTimeout(timeout);
    }

    private synchronized <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C probe(
            Class<C> type, Supplier<B> builder, Supplier<Region> in) {
        SdkClient client = probes.get(type);
        if (client == null) {
            client = builder.get().httpClient(http())
                    .credentialsProvider(UNSIGNED_PROBE)
                    .region(in.get())
                    .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)).scheduledExecutorService(alarms))
                    .build();
            probes.put(type, client);
        }
        return type.cast(client);
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
            ec2 = Ec2Client.builder().httpClient(http()).overrideConfiguration(this::rootThreads).build();
        }
        return ec2;
    }

    private synchronized SecretsManagerClient secretsManagerClient() {
        if (secretsManager == null) {
            // An explicit region: off EC2 with no AWS_REGION the SDK would refuse to build the client at all.
            secretsManager = SecretsManagerClient.builder().httpClient(http()).region(region())
                    .overrideConfiguration(this::rootThreads).build();
        }
        return secretsManager;
    }

    /**
     * The SDK's call timeouts run on the composition root's timer: left to itself, every
     * client starts a scheduler thread of its own.
     */
    private void rootThreads(ClientOverrideConfiguration.Builder o) {
        o.scheduledExecutorService(alarms);
    }

    @Override
    public synchronized void close() {
        List<AutoCloseable> clients = new ArrayList<>(probes.values());
        clients.addAll(Arrays.asList(ec2, secretsManager, imds, imdsHttp, http));
        for (AutoCloseable c : clients) {
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
        probes.clear();
        imds = null;
        imdsHttp = null;
        http = null;
    }
}
