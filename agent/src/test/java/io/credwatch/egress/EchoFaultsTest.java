package io.credwatch.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.CheckContext;
import io.credwatch.check.Status;
import io.credwatch.config.EgressIpCheckConfig;
import io.credwatch.net.LazyHttpClient;
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
 * The egress-ip check whose only echo service fails in every way, reached as an operator
 * lists it in {@code checks.egress-ip.sources}, with the daemon's HTTP client.
 */
@Timeout(30)
class EchoFaultsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path state;
    final Clock clock = Clock.systemUTC();

    @ParameterizedTest
    @EnumSource(Fault.class)
    void anEchoServiceFailingLeavesTheCheckUnknownWithItsCategory(Fault fault) throws Exception {
        try (FaultyServer server = new FaultyServer(fault)) {
            EgressIpCheck check = new EgressIpCheck(new EgressIpCheckConfig(null, null, TIMEOUT, List.of(), List.of(),
                    null), Map.of(), List.of(new EchoEgressSource(new LazyHttpClient(Duration.ofSeconds(5)),
                    server.uri("/"))), Optional.empty(), new EgressStateStore(state), clock);

            FaultMatrix.Timed run = FaultMatrix.time(() ->
                    check.run(new CheckContext(clock, clock.instant().plus(TIMEOUT), false)));

            FaultMatrix.assertBoundedAndClean("echo", fault, run, TIMEOUT);
            assertEquals(Status.UNKNOWN, run.result().status(), run.result()::toString);
            assertEquals(fault.category(), run.result().category(), run.result()::toString);
            @SuppressWarnings("unchecked")
            Map<String, Object> seen = ((List<Map<String, Object>>) run.result().details().get("sources")).get(0);
            assertEquals(fault.category().name(), seen.get("category"), seen::toString);
            if (fault == Fault.TLS) {
                assertTrue(run.result().summary().contains("certificate is not trusted"), run.result().summary());
            }
            if (fault == Fault.HUGE) {
                assertTrue(server.bodyBytesSent() < FaultyServer.HUGE_BYTES / 2, "read " + server.bodyBytesSent());
            }
        }
    }
}
