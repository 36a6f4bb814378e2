package io.credwatch.exchange;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.CheckResult;
import io.credwatch.config.CredentialSources;
import io.credwatch.config.Environment;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.credential.CredentialResolver;
import io.credwatch.credential.SourceAttempt;
import io.credwatch.http.JsonMapper;
import io.credwatch.net.LazyHttpClient;
import io.credwatch.testing.TestPools;
import io.credwatch.testing.Fault;
import io.credwatch.testing.FaultMatrix;
import io.credwatch.testing.FaultyServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every exchange's check against every way its API can fail on the wire, through the
 * production HTTP client (the daemon's {@link LazyHttpClient}) and the account's
 * {@code baseUrl}: the run ends within the check's timeout, UNKNOWN with the fault's
 * category, and quotes nothing the server sent.
 */
@Timeout(30)
class ExchangeFaultsTest {

    /** One attempt; the check's timeout is three of them. */
    static final Duration ATTEMPT = Duration.ofMillis(300);

    static Stream<Arguments> everyExchangeAndFault() {
        return Stream.of(ExchangeCheckTest.Venue.values())
                .flatMap(venue -> Stream.of(Fault.values()).map(fault -> Arguments.of(venue, fault)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyExchangeAndFault")
    void endsInTimeAsUnknownWithTheFaultsCategory(ExchangeCheckTest.Venue venue, Fault fault) throws Exception {
        try (FaultyServer server = new FaultyServer(fault)) {
            ExchangeAccountConfig account = new ExchangeAccountConfig(venue.name().toLowerCase() + "-main", venue.type,
                    server.uri().toString(), true, Duration.ofMinutes(5), ATTEMPT, List.of(),
                    new CredentialSources(List.of(List.of("K", "S")), null, null, null), "", List.of(), null, null);
            Clock clock = Clock.systemUTC();
            ExchangeProbe probe = new ExchangeProbes(new LazyHttpClient(Duration.ofSeconds(5), TestPools.HTTP_CLIENT), clock)
                    .create(venue.type, account.baseUrl(), account.timeout());
            ExchangeCheck check = new ExchangeCheck(account, "exchanges[0]", new CredentialResolver(List.of(
                    ExchangeCheckTest.given("env K+S", SourceAttempt.Outcome.FOUND, venue.canary()))), probe,
                    () -> Optional.of(ExchangeCheckTest.EGRESS), true, Environment.PROD);

            CheckResult result = FaultMatrix.assertUnknownWithTheFaultsCategory("exchange " + venue, fault, check,
                    check.timeout(), server);

            String json = JsonMapper.create().writeValueAsString(result);
            assertFalse(json.contains(venue.canary().key()) || json.contains(venue.canary().secret()), json);
            if (fault == Fault.TLS) {
                assertTrue(result.summary().contains("TLS"), result.summary());
            }
        }
    }
}
