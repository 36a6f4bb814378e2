package io.credwatch.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.awsclient.AwsClients;
import io.credwatch.check.Category;
import io.credwatch.check.CheckResult;
import io.credwatch.config.EgressIpCheckConfig;
import io.credwatch.net.LazyHttpClient;
import io.credwatch.testing.TestPools;
import io.credwatch.testing.AwsSettings;
import io.credwatch.testing.Fault;
import io.credwatch.testing.FaultMatrix;
import io.credwatch.testing.FaultyServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The egress-ip check whose only source fails in every way, reached as an operator points it:
 * an echo URL in {@code checks.egress-ip.sources}, IMDS through
 * {@code AWS_EC2_METADATA_SERVICE_ENDPOINT}, each with the daemon's own client.
 */
@Timeout(30)
class EgressSourceFaultsTest {

    static final Duration ECHO_TIMEOUT = Duration.ofSeconds(1);
    /** IMDS gets a second per answer and one retry, about two in all: room for it to give up by itself. */
    static final Duration IMDS_TIMEOUT = Duration.ofSeconds(4);

    @TempDir
    Path state;

    EgressIpCheck onlySource(EgressSource source, Duration timeout) {
        return new EgressIpCheck(new EgressIpCheckConfig(null, null, timeout, List.of(), List.of(), null), Map.of(),
                List.of(source), Optional.empty(), new EgressMemory(new EgressStateStore(state)), Clock.systemUTC(),
                SourceCalls.POOL);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> seen(CheckResult result) {
        return ((List<Map<String, Object>>) result.details().get("sources")).get(0);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void anEchoServiceFailing(Fault fault) throws Exception {
        try (FaultyServer server = new FaultyServer(fault)) {
            EgressIpCheck check = onlySource(new EchoEgressSource(new LazyHttpClient(Duration.ofSeconds(5), TestPools.HTTP_CLIENT),
                    server.uri("/")), ECHO_TIMEOUT);

            CheckResult result = FaultMatrix.assertUnknownWithTheFaultsCategory("echo", fault, check, ECHO_TIMEOUT,
                    server);

            assertEquals(fault.category().name(), seen(result).get("category"), result::toString);
            if (fault == Fault.TLS) {
                assertTrue(result.summary().contains("certificate is not trusted"), result.summary());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void imdsFailing(Fault fault) throws Exception {
        try (FaultyServer server = new FaultyServer(fault); AwsSettings settings = new AwsSettings().imds(server.uri());
             AwsClients aws = new AwsClients(Duration.ofSeconds(5), TestPools.TIMER)) {
            EgressIpCheck check = onlySource(new ImdsEgressSource(aws.imds()), IMDS_TIMEOUT);

            CheckResult result = FaultMatrix.assertUnknownWithTheFaultsCategory("imds (egress)", fault, check,
                    IMDS_TIMEOUT, server);

            assertEquals(fault.category().name(), seen(result).get("category"), result::toString);
            // A slow IMDS may be cut off by the check's own wait first, which says the same in its words.
            assertTrue(result.summary().contains("imds: IMDS") || fault.category() == Category.TIMEOUT,
                    result.summary());
        }
    }
}
