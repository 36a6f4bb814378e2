package io.credwatch.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.Category;
import io.credwatch.check.CheckReport;
import io.credwatch.check.Jitter;
import io.credwatch.check.Status;
import io.credwatch.config.CredentialSources;
import io.credwatch.config.Environment;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.credential.CredentialResolver;
import io.credwatch.credential.SourceAttempt;
import io.credwatch.testing.CheckCore;
import io.credwatch.testing.MutableClock;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * credwatch is never the reason an exchange bans the host's IP: over real HTTP, against the
 * fake exchanges and the real check core, an exchange that says "too many" is left alone by
 * every account on its host until the time it gave, runs on demand meanwhile ask nothing, and
 * an account's signed calls never exceed its budget however often someone asks.
 */
@Timeout(60)
class ExchangeMannersTest {

    /** Whole seconds, so an exchange's time in Unix seconds is exact. */
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final MutableClock clock = new MutableClock(t0);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ExchangeProbes probes = new ExchangeProbes(() -> http, clock);
    private final List<FakeExchange> fakes = new ArrayList<>();
    private CheckCore core;

    @AfterEach
    void stop() {
        if (core != null) {
            core.close();
        }
        fakes.forEach(FakeExchange::close);
    }

    private FakeExchange start(ExchangeCheckTest.Venue venue) {
        FakeExchange fake = venue.fake.apply(venue.canary());
        fakes.add(fake);
        return fake;
    }

    private ExchangeCheck account(String id, ExchangeCheckTest.Venue venue, FakeExchange fake, int callsPerHour) {
        return account(id, venue, fake, callsPerHour, "", List.of());
    }

    /** Hourly, so even the smallest budget here is one the configuration would accept. */
    private ExchangeCheck account(String id, ExchangeCheckTest.Venue venue, FakeExchange fake, int callsPerHour,
                                  String expectedFingerprint, List<String> requiredPermissions) {
        ExchangeAccountConfig config = new ExchangeAccountConfig(id, venue.type, fake.uri("").toString(), true,
                Duration.ofHours(1), Duration.ofSeconds(2), List.of(),
                new CredentialSources(List.of(List.of("K", "S")), null, null, null), expectedFingerprint,
                requiredPermissions, null, null).withMaxPrivateCallsPerHour(callsPerHour);
        return new ExchangeCheck(config, "exchanges[0]", new CredentialResolver(List.of(ExchangeCheckTest.given(
                "env K+S", SourceAttempt.Outcome.FOUND, venue.canary()))), probes.create(config),
                () -> Optional.of(ExchangeCheckTest.EGRESS), true, Environment.PROD);
    }

    private void core(ExchangeCheck... checks) {
        core = new CheckCore(List.of(checks), clock, Jitter.none(), 2, 50);
    }

    private CheckReport runNow(ExchangeCheck check) throws Exception {
        return core.runNow(check.id()).get(20, TimeUnit.SECONDS);
    }

    /** Time passes for credwatch and the exchange alike (the fakes check timestamps against their own clock). */
    private void later(Duration d, FakeExchange fake) {
        clock.advance(d);
        fake.skew = Duration.between(Instant.now(), clock.instant()).plusMillis(200);
    }

    @Nested
    class AnExchangeThatSaysTooMany {

        @Test
        void isLeftAloneByEveryAccountOnItsHostUntilItsRetryAfterAndRunsOnDemandAskNothing() throws Exception {
            FakeExchange bybit = start(ExchangeCheckTest.Venue.BYBIT);
            ExchangeCheck main = account("bybit-main", ExchangeCheckTest.Venue.BYBIT, bybit, 60);
            ExchangeCheck hedge = account("bybit-hedge", ExchangeCheckTest.Venue.BYBIT, bybit, 60);
            core(main, hedge);
            bybit.answerEverything(429, Map.of("Retry-After", "120"), "{}");

            CheckReport limited = runNow(main);

            assertEquals(Status.UNKNOWN, limited.status(), limited::toString);
            assertEquals(Category.RATE_LIMITED, limited.category());
            assertEquals(t0.plusSeconds(120), limited.retryAt());
            assertEquals(1, bybit.log.size(), "one request, not retried: " + bybit.log);

            clock.advance(Duration.ofSeconds(30));
            CheckReport other = runNow(hedge);
            assertEquals(Category.RATE_LIMITED, other.rawCategory(), other::toString);
            assertEquals(limited.retryAt(), other.retryAt(), "the same pause for the whole host");
            assertTrue(other.summary().contains("no request sent"), other.summary());
            assertEquals(limited, runNow(main), "on demand, the latest result answers");
            assertEquals(1, core.stats(main.id()).orElseThrow().runCount());
            assertEquals(1, bybit.log.size(), "nothing more reached the exchange: " + bybit.log);

            later(Duration.ofSeconds(90), bybit);
            bybit.stopAnswering();
            CheckReport resumed = runNow(hedge);
            assertNull(resumed.retryAt(), resumed::toString);
            assertNotEquals(Category.RATE_LIMITED, resumed.rawCategory(), resumed::toString);
            assertEquals(1, bybit.privateCalls(), "at retryAt the calls resume: " + bybit.log);
        }

        @Test
        void isLeftAloneUntilTheTimeBinancesBanNamesInItsBody() throws Exception {
            FakeExchange binance = start(ExchangeCheckTest.Venue.BINANCE);
            ExchangeCheck main = account("binance-main", ExchangeCheckTest.Venue.BINANCE, binance, 60);
            core(main);
            Instant banEnds = t0.plus(Duration.ofHours(2)).plusMillis(123);
            binance.answerEverything(418, Map.of(), "{\"code\":-1003,\"msg\":\"Way too much request weight used; "
                    + "IP banned until " + banEnds.toEpochMilli() + ". Please use WebSocket Streams for live updates "
                    + "to avoid bans.\"}");

            CheckReport banned = runNow(main);

            assertEquals(Category.RATE_LIMITED, banned.category(), banned::toString);
            assertEquals(banEnds, banned.retryAt());
            later(Duration.ofHours(2), binance);
            assertEquals(banned, runNow(main), "still banned for 123 ms");
            assertEquals(1, binance.log.size());

            later(Duration.ofSeconds(1), binance);
            binance.stopAnswering();
            CheckReport resumed = runNow(main);
            assertNull(resumed.retryAt(), resumed::toString);
            assertEquals(1, binance.privateCalls(), binance.log::toString);
        }
    }

    @Test
    void aRateLimitOnCryptoComsSecondCallIsNoVerdictOnTheTradePermission() throws Exception {
        FakeExchange cryptocom = start(ExchangeCheckTest.Venue.CRYPTOCOM);
        ExchangeCheck main = account("cryptocom-main", ExchangeCheckTest.Venue.CRYPTOCOM, cryptocom, 60, "",
                List.of("read", "trade"));
        core(main);
        cryptocom.answer("/private/get-open-orders", 429, Map.of(), "{\"id\":1,\"method\":\"private/get-open-orders\","
                + "\"code\":42901,\"message\":\"TOO_MANY_REQUESTS\"}");

        CheckReport limited = runNow(main);

        assertEquals(Category.RATE_LIMITED, limited.category(), limited::toString);
        assertEquals(t0.plus(HostBackoff.FIRST_PAUSE), limited.retryAt());
    }

    /** Each exchange's own way of saying when to come back, on its signed call or on every call. */
    enum Hint {
        BYBIT_10006_WITH_ITS_RESET_TIMESTAMP(ExchangeCheckTest.Venue.BYBIT, Duration.ofSeconds(30)) {
            @Override
            void play(FakeExchange fake, Instant t0) {
                fake.answer(ExchangeCheckTest.Venue.BYBIT.privatePath, 200, Map.of("X-Bapi-Limit-Reset-Timestamp",
                        Long.toString(t0.plusSeconds(30).toEpochMilli())), "{\"retCode\":10006,\"retMsg\":\"Too many "
                        + "visits!\",\"result\":{},\"retExtInfo\":{},\"time\":" + t0.toEpochMilli() + "}");
            }
        },
        BYBIT_10018_WITHOUT_A_HINT(ExchangeCheckTest.Venue.BYBIT, HostBackoff.FIRST_PAUSE) {
            @Override
            void play(FakeExchange fake, Instant t0) {
                fake.answer(ExchangeCheckTest.Venue.BYBIT.privatePath, 200, Map.of(), "{\"retCode\":10018,\"retMsg\":"
                        + "\"Exceeded the IP Rate Limit.\",\"result\":{},\"retExtInfo\":{},\"time\":0}");
            }
        },
        BYBIT_403_ACCESS_TOO_FREQUENT(ExchangeCheckTest.Venue.BYBIT, Duration.ofMinutes(10)) {
            @Override
            void play(FakeExchange fake, Instant t0) {
                fake.answerEverything(403, Map.of(), "403, access too frequent");
            }
        },
        BINANCE_429_WITH_AN_HTTP_DATE(ExchangeCheckTest.Venue.BINANCE, Duration.ofSeconds(45)) {
            @Override
            void play(FakeExchange fake, Instant t0) {
                fake.answerEverything(429, Map.of("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        t0.plusSeconds(45).atOffset(ZoneOffset.UTC))),
                        "{\"code\":-1003,\"msg\":\"Too many requests.\"}");
            }
        },
        KUCOIN_429000_WITH_ITS_RESET(ExchangeCheckTest.Venue.KUCOIN, Duration.ofSeconds(30)) {
            @Override
            void play(FakeExchange fake, Instant t0) {
                fake.answer(ExchangeCheckTest.Venue.KUCOIN.privatePath, 429, Map.of("gw-ratelimit-reset", "30000"),
                        "{\"code\":\"429000\",\"msg\":\"Too Many Requests\"}");
            }
        },
        CRYPTOCOM_42901_WITHOUT_A_HINT(ExchangeCheckTest.Venue.CRYPTOCOM, HostBackoff.FIRST_PAUSE) {
            @Override
            void play(FakeExchange fake, Instant t0) {
                fake.answer(ExchangeCheckTest.Venue.CRYPTOCOM.privatePath, 429, Map.of(),
                        "{\"id\":1,\"method\":\"private/user-balance\",\"code\":42901,"
                                + "\"message\":\"TOO_MANY_REQUESTS\"}");
            }
        },
        ALPACA_429_WITH_ITS_RESET_SECOND(ExchangeCheckTest.Venue.ALPACA, Duration.ofSeconds(30)) {
            @Override
            void play(FakeExchange fake, Instant t0) {
                fake.answer(ExchangeCheckTest.Venue.ALPACA.privatePath, 429, Map.of("X-RateLimit-Reset",
                        Long.toString(t0.plusSeconds(30).getEpochSecond())), "{\"code\":42910000,\"message\":\"rate "
                        + "limit exceeded\"}");
            }
        };

        final ExchangeCheckTest.Venue venue;
        final Duration pause;

        Hint(ExchangeCheckTest.Venue venue, Duration pause) {
            this.venue = venue;
            this.pause = pause;
        }

        abstract void play(FakeExchange fake, Instant t0);
    }

    @ParameterizedTest
    @EnumSource(Hint.class)
    void eachExchangesWayOfSayingWhenToComeBackIsHonoured(Hint hint) throws Exception {
        FakeExchange fake = start(hint.venue);
        ExchangeCheck main = account("main", hint.venue, fake, 60);
        ExchangeCheck other = account("other", hint.venue, fake, 60);
        core(main, other);
        hint.play(fake, t0);

        CheckReport limited = runNow(main);

        assertEquals(Category.RATE_LIMITED, limited.category(), limited::toString);
        assertEquals(t0.plus(hint.pause), limited.retryAt(), limited::toString);
        int sent = fake.log.size();
        clock.advance(hint.pause.minusSeconds(1));
        assertEquals(Category.RATE_LIMITED, runNow(other).category());
        assertEquals(sent, fake.log.size(), "another account sent nothing: " + fake.log);
    }

    @Nested
    class TheCallBudget {

        @Test
        void aHundredRunsOnDemandInAMinuteSignNoMoreCallsThanTheBudgetAllows() throws Exception {
            FakeExchange cryptocom = start(ExchangeCheckTest.Venue.CRYPTOCOM);
            ExchangeCheck main = account("cryptocom-main", ExchangeCheckTest.Venue.CRYPTOCOM, cryptocom, 5);
            core(main);
            List<CheckReport> reports = new ArrayList<>();

            for (int i = 0; i < 100; i++) {
                reports.add(runNow(main));
                clock.advance(Duration.ofMillis(600));
            }

            // Two signed calls a run: two runs fit in five; a third would make six.
            assertEquals(4, cryptocom.privateCalls(), cryptocom.log::toString);
            CheckReport lastAsked = reports.get(1);
            CheckReport kept = reports.get(99);
            assertEquals(lastAsked.status(), kept.status(), "the last verdict stands: " + kept);
            assertEquals(lastAsked.category(), kept.category());
            assertEquals(lastAsked.rawCategory(), kept.rawCategory(), "not RATE_LIMITED: the exchange said nothing");
            assertEquals(t0.plus(Duration.ofHours(1)), kept.retryAt(), "when the first call leaves the hour");
            assertTrue(kept.details().get("callBudget").toString()
                            .contains("the 5 signed calls an hour that exchanges[0].maxPrivateCallsPerHour allows"),
                    kept.details()::toString);
            assertEquals(3, core.stats(main.id()).orElseThrow().runCount(),
                    "two runs and the one that found the budget spent; the rest asked nothing at all");

            later(Duration.ofHours(1), cryptocom);
            runNow(main);
            assertEquals(6, cryptocom.privateCalls(), "an hour after the first calls, a run fits again");
        }

        @Test
        void aSpentBudgetStillReportsWhatNeedsNoCall() throws Exception {
            FakeExchange bybit = start(ExchangeCheckTest.Venue.BYBIT);
            ExchangeCheck main = account("bybit-main", ExchangeCheckTest.Venue.BYBIT, bybit, 1,
                    "sha256:0000000000", List.of());
            core(main);
            runNow(main);
            clock.advance(Duration.ofMinutes(5));

            CheckReport spent = runNow(main);

            assertEquals(Category.FINGERPRINT_MISMATCH, spent.category(), "no call is needed to see that");
            assertEquals(Category.FINGERPRINT_MISMATCH, spent.rawCategory(), "a run of its own, not a kept one");
            assertTrue(spent.details().get("alsoFound").toString().contains("CALL_BUDGET_SPENT"),
                    spent.details()::toString);
            assertEquals(t0.plus(Duration.ofHours(1)), spent.retryAt());
            assertEquals(1, bybit.privateCalls(), bybit.log::toString);
        }
    }
}
