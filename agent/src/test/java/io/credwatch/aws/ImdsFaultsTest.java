package io.credwatch.aws;

import io.credwatch.awsclient.AwsClients;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.CheckResult;
import io.credwatch.config.AwsCredentialsCheckConfig;
import io.credwatch.net.LazyHttpClient;
import io.credwatch.testing.TestPools;
import io.credwatch.testing.AwsSettings;
import io.credwatch.testing.Fault;
import io.credwatch.testing.FaultMatrix;
import io.credwatch.testing.FaultyServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The instance metadata service failing in every way, reached through
 * {@code AWS_EC2_METADATA_SERVICE_ENDPOINT} with the daemon's IMDS client, for the
 * aws-credentials check in the AWS context: IMDS is asked about the instance profile, and the
 * SDK chain's last link would fetch the role's credentials from it. (The egress-ip check's
 * {@code imds} source: {@code EgressSourceFaultsTest}.)
 */
@Timeout(30)
class ImdsFaultsTest {

    /**
     * IMDS gets a second per answer and one retry, so it gives up after about two; the budget
     * leaves room beyond that, so what ends the run is IMDS giving up, not the check's deadline.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(4);

    final Clock clock = Clock.systemUTC();

    /**
     * Nothing in the chain before the instance profile, and IMDS not answering as IMDS: whether
     * the instance's role has credentials cannot be told, which is UNKNOWN, not NO_CREDENTIALS.
     */
    @ParameterizedTest
    @EnumSource(Fault.class)
    void theAwsCheckCannotTellAboutTheInstanceProfileAndSaysWhy(Fault fault) throws Exception {
        try (FaultyServer server = new FaultyServer(fault); AwsSettings settings = new AwsSettings().imds(server.uri());
             AwsClients aws = new AwsClients(Duration.ofSeconds(5), TestPools.TIMER)) {
            AwsCredentialsCheck check = new AwsCredentialsCheck(new AwsCredentialsCheckConfig(null, null, TIMEOUT,
                    null, null, null, List.of()), CredentialChain.standard(name -> null),
                    new CallerIdentityProbe(aws, clock), new ServiceProbes(aws, clock), new AccessKeyAge(aws, clock),
                    new KeyQuarantine(aws, clock),
                    Optional.of(new InstanceMetadataPosture(aws.imds(), new LazyHttpClient(Duration.ofSeconds(5), TestPools.HTTP_CLIENT))));

            CheckResult result = FaultMatrix.assertUnknownWithTheFaultsCategory("imds (aws-credentials)", fault,
                    check, TIMEOUT, server);

            assertTrue(result.summary().contains("IMDS"), result.summary());
            @SuppressWarnings("unchecked")
            Map<String, Object> imds = (Map<String, Object>) result.details().get("imds");
            assertEquals(false, imds.get("reachable"), imds::toString);
        }
    }
}
