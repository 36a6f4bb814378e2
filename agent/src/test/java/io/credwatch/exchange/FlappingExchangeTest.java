package io.credwatch.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.credwatch.check.Category;
import io.credwatch.check.CheckReport;
import io.credwatch.check.Jitter;
import io.credwatch.check.Status;
import io.credwatch.config.CredentialSources;
import io.credwatch.config.Environment;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.config.ExchangeType;
import io.credwatch.credential.CredentialResolver;
import io.credwatch.credential.SourceAttempt;
import io.credwatch.testing.CheckCore;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real Bybit stand-in that verifies signatures, a real exchange check and the real check
 * core, with the default flap tolerance: an exchange that fails now and then must not page
 * anyone, one that stays down must, and a refused key must not wait.
 */
class FlappingExchangeTest {

    private static final String EGRESS = ExchangeCheckTest.EGRESS;
    private static final String PRIVATE = ExchangeCheckTest.Venue.BYBIT.privatePath;
    /** Every attempt of one run (the probe retries a 5xx): one run that cannot reach the exchange. */
    private static final int ONE_RUN = ExchangeHttp.MAX_RETRIES + 1;

    private final FakeBybit bybit = new FakeBybit(ExchangeCheckTest.Venue.BYBIT.canary());
    private CheckCore core;
    private String id;

    @BeforeEach
    void start() {
        bybit.keyInfo = bybit.keyInfo.replace("\"Withdraw\"", "\"Spot\"")
                .replace("\"198.51.100.4\"", "\"" + EGRESS + "\"");
        ExchangeAccountConfig account = new ExchangeAccountConfig("bybit-main", ExchangeType.BYBIT,
                bybit.uri("").toString(), true, Duration.ofMinutes(5), Duration.ofSeconds(2), List.of(),
                new CredentialSources(List.of(List.of("K", "S")), null, null, null), "", List.of(), null, null);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ExchangeProbe probe = new ExchangeProbes(() -> http, Clock.systemUTC())
                .create(ExchangeType.BYBIT, account.baseUrl(), account.timeout());
        ExchangeCheck check = new ExchangeCheck(account, "exchanges[0]", new CredentialResolver(List.of(
                ExchangeCheckTest.given("env K+S", SourceAttempt.Outcome.FOUND, ExchangeCheckTest.Venue.BYBIT.canary()))),
                probe, () -> Optional.of(EGRESS), true, Environment.PROD);
        id = check.id();
        core = new CheckCore(List.of(check), Clock.systemUTC(), Jitter.none(), 1, 50);
    }

    @AfterEach
    void stop() {
        core.close();
        bybit.close();
    }

    private CheckReport run() throws Exception {
        return core.runNow(id).get(30, TimeUnit.SECONDS);
    }

    @Test
    void anExchangeThatFailsEveryOtherRunNeverReachesUnknown() throws Exception {
        assertEquals(Status.OK, run().status());
        for (int i = 0; i < 4; i++) {
            bybit.failFirst(PRIVATE, ONE_RUN);
            CheckReport failed = run();
            assertEquals(Status.UNKNOWN, failed.rawStatus(), failed::toString);
            assertEquals(Status.OK, failed.status(), "one inconclusive run is held at the last verdict");
            assertNotNull(failed.inconclusiveSince());
            bybit.failFirst(PRIVATE, 0); // whatever attempts the deadline left unused
            assertEquals(Status.OK, run().status());
        }
    }

    @Test
    void anExchangeThatStaysUnreachableIsUnknownOnTheThirdRun() throws Exception {
        assertEquals(Status.OK, run().status());
        bybit.failFirst(PRIVATE, 100 * ONE_RUN);
        assertEquals(Status.OK, run().status());
        assertEquals(Status.OK, run().status());
        CheckReport third = run();
        assertEquals(Status.UNKNOWN, third.status(), third::toString);
        assertEquals(Category.UNAVAILABLE, third.category());
    }

    @Test
    void aRefusedKeyIsReportedOnTheFirstRun() throws Exception {
        assertEquals(Status.OK, run().status());
        bybit.refuse(PRIVATE, "10003");
        CheckReport refused = run();
        assertEquals(Status.CRITICAL, refused.status(), refused::toString);
        assertEquals(Status.CRITICAL, refused.rawStatus());
    }
}
