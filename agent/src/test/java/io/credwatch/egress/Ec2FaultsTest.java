package io.credwatch.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.awsclient.AwsClients;
import io.credwatch.check.Category;
import io.credwatch.check.Status;
import io.credwatch.config.EgressIpCheckConfig;
import io.credwatch.net.LazyHttpClient;
import io.credwatch.testing.TestPools;
import io.credwatch.testing.AwsSettings;
import io.credwatch.testing.Fault;
import io.credwatch.testing.FaultMatrix;
import io.credwatch.testing.FaultyServer;
import io.credwatch.testing.IpEcho;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The egress-ip check in the AWS context with EC2 ({@code DescribeAddresses}) failing in every
 * way, reached through {@code AWS_ENDPOINT_URL} with the daemon's EC2 client: the IP is still
 * known from the echo service, so the check stays OK, and whether it is elastic is unknown,
 * with the reason in words.
 */
@Timeout(30)
class Ec2FaultsTest {

    static final Duration TIMEOUT = Duration.ofMillis(1500);
    static final Map<Fault, String> SAID = Map.of(Fault.HANG, "did not answer within", Fault.DRIP,
            "did not answer within", Fault.RESET, "reset", Fault.GARBAGE, "not HTTP", Fault.STATUS_5XX, "HTTP 503",
            Fault.HUGE, "not the service's", Fault.TLS, "certificate is not trusted");

    @TempDir
    Path state;
    final Clock clock = Clock.systemUTC();

    /**
     * The first EC2 call in a JVM loads the SDK's EC2 model, two seconds on a small machine,
     * past the call's own timeout: a cost of the first run after start, not of a fault.
     */
    @BeforeAll
    static void loadTheEc2Client() {
        try (FaultyServer down = new FaultyServer(Fault.STATUS_5XX);
             AwsSettings settings = new AwsSettings().endpoint(down.uri()).hostKey();
             AwsClients aws = new AwsClients(Duration.ofSeconds(5), TestPools.TIMER)) {
            new Ec2ElasticIpLookup(aws.ec2()).lookup("203.0.113.7", TIMEOUT);
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void ec2FailingLeavesTheIpKnownAndWhetherItIsElasticUnknown(Fault fault) throws Exception {
        try (FaultyServer server = new FaultyServer(fault); IpEcho echo = new IpEcho("203.0.113.7");
             AwsSettings settings = new AwsSettings().endpoint(server.uri()).hostKey();
             AwsClients aws = new AwsClients(Duration.ofSeconds(5), TestPools.TIMER)) {
            EgressIpCheck check = new EgressIpCheck(new EgressIpCheckConfig(null, null, TIMEOUT, List.of(), List.of(),
                    null), Map.of(), List.of(new EchoEgressSource(new LazyHttpClient(Duration.ofSeconds(5), TestPools.HTTP_CLIENT),
                    echo.uri("/"))), Optional.of(new Ec2ElasticIpLookup(aws.ec2())),
                    new EgressMemory(new EgressStateStore(state)), clock, SourceCalls.POOL);

            FaultMatrix.Timed run = FaultMatrix.run(check, TIMEOUT);

            FaultMatrix.assertBoundedAndClean("ec2", fault, run, TIMEOUT, server);
            assertEquals(Status.OK, run.result().status(), run.result()::toString);
            assertEquals(Category.NONE, run.result().category());
            assertTrue(run.result().summary().contains("elastic unknown"), run.result().summary());
            String elastic = String.valueOf(run.result().details().get("elastic"));
            System.out.println("matrix-detail ec2 " + fault + ": " + elastic);
            assertTrue(elastic.startsWith("unknown: ec2:DescribeAddresses"), elastic);
            assertTrue(elastic.contains(SAID.get(fault)), elastic);
        }
    }
}
