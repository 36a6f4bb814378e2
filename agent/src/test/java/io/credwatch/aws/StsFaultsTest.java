package io.credwatch.aws;

import io.credwatch.awsclient.AwsClients;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.CheckResult;
import io.credwatch.config.AwsCredentialsCheckConfig;
import io.credwatch.testing.AwsSettings;
import io.credwatch.testing.Fault;
import io.credwatch.testing.FaultMatrix;
import io.credwatch.testing.FaultyServer;
import io.credwatch.testing.TestPools;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The aws-credentials check with STS ({@code GetCallerIdentity}) failing in every way, reached
 * through {@code AWS_ENDPOINT_URL}, signing with temporary keys the SDK chain finds: the check
 * cannot tell whether AWS accepts them, so it is UNKNOWN with the fault's category, and it
 * says so rather than that STS refused the key.
 */
@Timeout(30)
class StsFaultsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final String TEMP_KEY = "ASIAEXAMPLETEMPORARY";
    static final String SECRET = "cAnArY0SeCrEt0wJalrXUtnFEMI0K7MDENG0bPxRfiCY";
    static final String TOKEN = "cAnArY0SeSsIoN0ToKeN0IQoJb3JpZ2luX2VjEJr0000";

    /**
     * The first STS call in a JVM loads the SDK's STS classes, past a 2 s budget on a small
     * machine: a cost of the first run after start, not of a fault.
     */
    @BeforeAll
    static void loadTheStsClient() {
        try (FaultyServer down = new FaultyServer(Fault.STATUS_5XX);
             AwsSettings settings = new AwsSettings().endpoint(down.uri()).hostKey();
             AwsClients aws = new AwsClients(Duration.ofSeconds(5), TestPools.TIMER)) {
            new CallerIdentityProbe(aws, Clock.systemUTC()).ask(
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(AwsSettings.HOST_KEY_ID,
                            AwsSettings.HOST_SECRET), TIMEOUT);
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void stsFailingLeavesTheCheckUnknownWithTheFaultsCategory(Fault fault) throws Exception {
        Clock clock = Clock.systemUTC();
        try (FaultyServer server = new FaultyServer(fault);
             AwsSettings settings = new AwsSettings().endpoint(server.uri()).set("aws.accessKeyId", TEMP_KEY)
                     .set("aws.secretAccessKey", SECRET).set("aws.sessionToken", TOKEN);
             AwsClients aws = new AwsClients(Duration.ofSeconds(5), TestPools.TIMER)) {
            AwsCredentialsCheck check = new AwsCredentialsCheck(new AwsCredentialsCheckConfig(null, null, TIMEOUT,
                    null, null, null, List.of()), CredentialChain.standard(name -> null),
                    new CallerIdentityProbe(aws, clock), new ServiceProbes(aws, clock), new AccessKeyAge(aws, clock),
                    new KeyQuarantine(aws, clock),
                    Optional.empty());

            CheckResult result = FaultMatrix.assertUnknownWithTheFaultsCategory("sts", fault, check, TIMEOUT, server);

            assertTrue(result.summary().contains("STS"), result.summary());
            assertFalse(result.summary().contains("refuses"), result.summary());
            assertFalse(result.toString().contains(SECRET) || result.toString().contains(TOKEN));
        }
    }
}
