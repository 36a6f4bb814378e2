package io.credwatch.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.testing.CheckCore;
import io.credwatch.testing.MutableClock;
import io.credwatch.testing.ScriptedCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the store reports of a check's runs: flap tolerance, staleness, and expiries kept past their moment. */
class ResultStoreTest {

    private static final Instant START = Instant.parse("2030-01-02T03:04:05Z");
    private static final CheckResult OK = CheckResult.ok("bybit accepts the key");
    private static final CheckResult TIMEOUT = CheckResult.unknown(Category.TIMEOUT, "no answer within 10s", "");
    private static final CheckResult UNREACHABLE = CheckResult.unknown(Category.UNAVAILABLE, "connection refused", "");
    private static final CheckResult REFUSED = CheckResult.critical(Category.AUTH_FAILED, "bybit refuses the key",
            "compare the key");

    private final MutableClock clock = new MutableClock(START);
    private final List<StatusChange> changes = new CopyOnWriteArrayList<>();
    private CheckCore core;
    private ScriptedCheck exchange;

    @AfterEach
    void stop() {
        if (core != null) {
            core.close();
        }
    }

    private void coreWith(Tolerance tolerance) {
        exchange = new ScriptedCheck("exchange:bybit-main").type("exchange").every(Duration.ofMinutes(5))
                .timeout(Duration.ofSeconds(10)).tolerating(tolerance);
        core = new CheckCore(List.of(exchange), clock, Jitter.none(), 1, 50);
        core.addListener(changes::add);
    }

    /** One run answering {@code result}, a minute after the last. */
    private CheckReport run(CheckResult result) throws Exception {
        clock.advance(Duration.ofMinutes(1));
        exchange.answers(result);
        return core.runNow(exchange.id()).get(10, TimeUnit.SECONDS);
    }

    /** History keeps fifty reports a check; what a run repeats of the one before is kept once. */
    @Nested
    class RepeatedRuns {

        private CheckResult run(long clockOffsetMillis) {
            return CheckResult.ok("key authenticates on Bybit; may read")
                    .withDetail("permissions", List.of("READ"))
                    .withDetail("sourcesTried", List.of(Map.of("source", "env", "outcome", "USED")))
                    .withDetail("account", Map.of("status", "ACTIVE", "boundIps", List.of("198.51.100.4")))
                    .withDetail("clockOffsetMillis", clockOffsetMillis);
        }

        @Test
        void whatARunRepeatsIsTheEarlierObjectAndWhatChangedIsItsOwn() throws Exception {
            coreWith(Tolerance.NONE);
            CheckReport first = ResultStoreTest.this.run(run(12));
            CheckReport second = ResultStoreTest.this.run(run(15));

            List<CheckReport> history = core.history(exchange.id());
            assertEquals(List.of(second, first), history);
            assertSame(first.details().get("permissions"), second.details().get("permissions"));
            assertSame(first.details().get("sourcesTried"), second.details().get("sourcesTried"));
            assertSame(first.details().get("account"), second.details().get("account"));
            assertSame(first.summary(), second.summary());
            assertEquals(15L, second.details().get("clockOffsetMillis"));
            assertEquals(12L, first.details().get("clockOffsetMillis"));
            assertEquals(List.of("permissions", "sourcesTried", "account", "clockOffsetMillis"),
                    List.copyOf(second.details().keySet()));
        }

        @Test
        void aChangedNestedValueIsSharedDownToWhatDidNotChange() throws Exception {
            coreWith(Tolerance.NONE);
            CheckReport first = ResultStoreTest.this.run(run(1));
            CheckReport second = ResultStoreTest.this.run(run(1).withDetail("account",
                    Map.of("status", "FROZEN", "boundIps", List.of("198.51.100.4"))));

            Map<?, ?> before = (Map<?, ?>) first.details().get("account");
            Map<?, ?> after = (Map<?, ?>) second.details().get("account");
            assertEquals("FROZEN", after.get("status"));
            assertEquals("ACTIVE", before.get("status"));
            assertSame(before.get("boundIps"), after.get("boundIps"));
            assertEquals(Status.OK, core.latest(exchange.id()).orElseThrow().status());
        }
    }

    @Nested
    class FlapTolerance {

        @Test
        void aFlappingExchangeNeverReachesUnknownWithTheDefaultRaiseAfter() throws Exception {
            coreWith(Tolerance.DEFAULT);
            run(OK);
            for (int i = 0; i < 10; i++) {
                CheckReport timedOut = run(TIMEOUT);
                assertEquals(Status.OK, timedOut.status(), "a single timeout is held at the last verdict");
                assertEquals(Status.UNKNOWN, timedOut.rawStatus());
                assertEquals(Category.TIMEOUT, timedOut.rawCategory());
                assertEquals(timedOut.startedAt(), timedOut.inconclusiveSince());
                CheckReport fine = run(OK);
                assertEquals(Status.OK, fine.status());
                assertNull(fine.inconclusiveSince());
            }
            assertEquals(1, changes.size(), "only the first run was a change: " + changes);
        }

        @Test
        void anExchangeThatStaysUnreachableIsUnknownOnTheThirdRun() throws Exception {
            coreWith(Tolerance.DEFAULT);
            run(OK);
            CheckReport first = run(UNREACHABLE);
            CheckReport second = run(UNREACHABLE);
            assertEquals(Status.OK, second.status());
            assertEquals(first.startedAt(), second.inconclusiveSince(), "inconclusive since the first of them");
            assertEquals("bybit accepts the key", second.summary(), "the held verdict keeps its own words");
            CheckReport third = run(UNREACHABLE);
            assertEquals(Status.UNKNOWN, third.status());
            assertEquals(Category.UNAVAILABLE, third.category());
            assertNull(third.inconclusiveSince(), "nothing is held any more");
            assertEquals(third.startedAt(), third.lastChange());
            assertEquals(List.of(Status.OK, Status.UNKNOWN),
                    changes.stream().map(c -> c.current().status()).toList());
        }

        @Test
        void aDefinitiveRefusalIsReportedOnTheFirstRun() throws Exception {
            coreWith(Tolerance.DEFAULT);
            run(OK);
            CheckReport refused = run(REFUSED);
            assertEquals(Status.CRITICAL, refused.status());
            assertEquals(Category.AUTH_FAILED, refused.category());
            assertEquals(2, changes.size());
        }

        @Test
        void aFirstRunThatCannotTellIsReportedAsItIs() throws Exception {
            coreWith(Tolerance.DEFAULT);
            assertEquals(Status.UNKNOWN, run(TIMEOUT).status(), "there is no verdict to hold yet");
        }

        @Test
        void aTimeoutDoesNotHideAKnownRefusal() throws Exception {
            coreWith(Tolerance.DEFAULT);
            run(REFUSED);
            CheckReport timedOut = run(TIMEOUT);
            assertEquals(Status.CRITICAL, timedOut.status());
            assertEquals(Category.AUTH_FAILED, timedOut.category());
        }

        @Test
        void raiseDefinitiveAfterHoldsADefinitiveVerdictTooWhenTheOperatorAsks() throws Exception {
            coreWith(new Tolerance(3, 2, 1));
            run(OK);
            assertEquals(Status.OK, run(REFUSED).status());
            assertEquals(Status.CRITICAL, run(REFUSED).status());
        }

        @Test
        void clearAfterNeedsThatManyOkRunsInARow() throws Exception {
            coreWith(new Tolerance(3, 1, 2));
            run(REFUSED);
            assertEquals(Status.CRITICAL, run(OK).status());
            assertEquals(Status.CRITICAL, run(TIMEOUT).status());
            assertEquals(Status.CRITICAL, run(OK).status(), "the timeout broke the run of OKs");
            assertEquals(Status.OK, run(OK).status());
        }
    }

    @Nested
    class Staleness {

        @Test
        void aResultOlderThanTwiceTheIntervalPlusTheTimeoutIsUnknownStaleUntilTheNextRun() throws Exception {
            coreWith(Tolerance.DEFAULT);
            CheckReport fresh = run(OK);
            clock.advance(Duration.ofMinutes(10).plusSeconds(10));
            assertEquals(Status.OK, core.latest(exchange.id()).orElseThrow().status(), "at the bound, still fresh");

            clock.advance(Duration.ofSeconds(1));
            CheckReport stale = core.latest(exchange.id()).orElseThrow();
            assertEquals(Status.UNKNOWN, stale.status());
            assertEquals(Category.STALE, stale.category());
            assertTrue(stale.summary().contains("no run has finished for 10m"), stale.summary());
            assertEquals(Status.OK, stale.rawStatus(), "the last run's own verdict stays readable");
            assertEquals(fresh.startedAt(), stale.startedAt());
            assertEquals(List.of(stale), core.latest());
            assertEquals(1, core.history(exchange.id()).size(), "staleness is not a run");

            core.store.sweepStale();
            core.store.sweepStale();
            assertEquals(List.of(Status.OK, Status.UNKNOWN),
                    changes.stream().map(c -> c.current().status()).toList(), "announced once");
            assertEquals(Category.STALE, changes.get(1).current().category());

            CheckReport next = run(OK);
            assertEquals(Status.OK, next.status());
            assertEquals(Status.OK, core.latest(exchange.id()).orElseThrow().status());
            assertEquals(3, changes.size(), "the recovery from STALE is a change");
        }
    }

    @Nested
    class Expiries {

        @Test
        void anExpiredKeyKeepsItsExpiryAndIsCriticalExpiredNotARefusal() throws Exception {
            coreWith(Tolerance.DEFAULT);
            Instant expires = START.plus(Duration.ofHours(1));
            Expiry key = new Expiry(CredentialKind.EXCHANGE_KEY, "bybit-main", expires, false);
            run(OK.withExpiry(key));
            clock.advance(Duration.ofHours(2));

            CheckReport refused = run(REFUSED);

            assertEquals(Status.CRITICAL, refused.status());
            assertEquals(Category.EXPIRED, refused.category());
            assertTrue(refused.summary().contains(expires.toString()), refused.summary());
            assertEquals(List.of(key), refused.expiries());
            assertEquals(Category.AUTH_FAILED, refused.rawCategory(), "what the exchange said stays readable");
        }

        @Test
        void anInconclusiveRunKeepsTheKnownExpiry() throws Exception {
            coreWith(Tolerance.NONE);
            Expiry key = new Expiry(CredentialKind.EXCHANGE_KEY, "bybit-main", START.plus(Duration.ofDays(30)), false);
            run(OK.withExpiry(key));
            CheckReport timedOut = run(TIMEOUT);
            assertEquals(Status.UNKNOWN, timedOut.status());
            assertEquals(List.of(key), timedOut.expiries());
        }

        @Test
        void aRefusalWhileTheKeyHadTimeLeftForgetsTheExpiry() throws Exception {
            coreWith(Tolerance.DEFAULT);
            Expiry key = new Expiry(CredentialKind.EXCHANGE_KEY, "bybit-main", START.plus(Duration.ofDays(30)), false);
            run(OK.withExpiry(key));
            CheckReport refused = run(REFUSED);
            assertEquals(Category.AUTH_FAILED, refused.category());
            assertTrue(refused.expiries().isEmpty(), "another key, or another cause: the old expiry says nothing");
        }

        @Test
        void anOkRunWithoutExpiryMeansTheKeyWasReplaced() throws Exception {
            coreWith(Tolerance.DEFAULT);
            Expiry key = new Expiry(CredentialKind.EXCHANGE_KEY, "bybit-main", START.plus(Duration.ofHours(1)), false);
            run(OK.withExpiry(key));
            assertTrue(run(OK).expiries().isEmpty());
            clock.advance(Duration.ofHours(2));
            assertEquals(Category.AUTH_FAILED, run(REFUSED).category());
        }

        @Test
        void aSecretDueForRotationIsNotAnExpiredKey() throws Exception {
            coreWith(Tolerance.DEFAULT);
            Expiry due = new Expiry(CredentialKind.SECRET, "mm-bot/prod/bybit", START.plus(Duration.ofHours(1)), true);
            run(OK.withExpiry(due));
            clock.advance(Duration.ofHours(2));
            CheckReport refused = run(REFUSED);
            assertEquals(Category.AUTH_FAILED, refused.category());
            assertTrue(refused.expiries().isEmpty());
        }
    }

    /** A check that says when its service may be asked again, and runs that asked nothing. */
    @Nested
    class HoldingBack {

        private CheckResult rateLimitedUntil(Instant at) {
            return CheckResult.unknown(Category.RATE_LIMITED, "Bybit rate-limits this host", "").withRetryAt(at);
        }

        private CheckResult budgetSpentUntil(Instant at) {
            return CheckResult.unknown(Category.CALL_BUDGET_SPENT, "no request sent: 60 signed calls in the last hour", "")
                    .withDetail("callBudget", "60 signed calls in the last hour").withRetryAt(at).keepingVerdict();
        }

        @Test
        void aRateLimitedRunShowsItsRetryAtWhileFlapToleranceHoldsTheVerdict() throws Exception {
            coreWith(Tolerance.DEFAULT);
            run(OK);
            Instant at = clock.instant().plus(Duration.ofMinutes(1)).plusSeconds(120);

            CheckReport limited = run(rateLimitedUntil(at));

            assertEquals(Status.OK, limited.status(), "one rate limit does not make the status flap");
            assertEquals(Category.RATE_LIMITED, limited.rawCategory());
            assertEquals(at, limited.retryAt(), "the run's own retryAt, though its verdict is not the one shown");
        }

        @Test
        void anOnDemandRunBeforeRetryAtAnswersTheLatestReportAndRunsNothing() throws Exception {
            coreWith(Tolerance.DEFAULT);
            run(OK);
            // run() moves the clock a minute on first.
            CheckReport limited = run(rateLimitedUntil(clock.instant().plus(Duration.ofMinutes(1)).plusSeconds(120)));
            int runs = exchange.runs();

            clock.advance(Duration.ofSeconds(119));
            exchange.answers(OK);
            CheckReport asked = core.runNow(exchange.id()).get(10, TimeUnit.SECONDS);
            assertEquals(limited, asked, "the latest report is the answer");
            assertEquals(runs, exchange.runs(), "the check did not run");
            assertEquals(2, core.stats(exchange.id()).orElseThrow().runCount(), "and no run was recorded");
            assertEquals(limited, core.runner.runAll().get(0).get(10, TimeUnit.SECONDS), "running all holds back too");

            clock.advance(Duration.ofSeconds(1));
            CheckReport after = core.runNow(exchange.id()).get(10, TimeUnit.SECONDS);
            assertEquals(runs + 1, exchange.runs(), "at retryAt the check runs again");
            assertNull(after.retryAt());
        }

        @Test
        void aRunThatAskedNothingKeepsTheLatestReportWithItsTimeDetailsAndRetryAt() throws Exception {
            coreWith(Tolerance.DEFAULT);
            CheckReport refused = run(REFUSED.withDetail("errorCode", "10003"));
            Instant frees = clock.instant().plus(Duration.ofMinutes(1)).plusSeconds(900);

            CheckReport kept = run(budgetSpentUntil(frees));

            assertEquals(Status.CRITICAL, kept.status());
            assertEquals(Category.AUTH_FAILED, kept.category());
            assertEquals(refused.summary(), kept.summary());
            assertEquals(Status.CRITICAL, kept.rawStatus(), "the last run's own verdict too");
            assertEquals(Category.AUTH_FAILED, kept.rawCategory());
            assertEquals(refused.lastChange(), kept.lastChange());
            assertEquals(refused.consecutiveFailures(), kept.consecutiveFailures());
            assertEquals("10003", kept.details().get("errorCode"));
            assertEquals("60 signed calls in the last hour", kept.details().get("callBudget"));
            assertEquals(frees, kept.retryAt());
            assertTrue(kept.startedAt().isAfter(refused.startedAt()), "a run happened: the check is not stale");
            assertEquals(1, changes.size(), "nothing changed: " + changes);
        }

        @Test
        void runsThatAskedNothingMoveNoFlapCount() throws Exception {
            coreWith(Tolerance.DEFAULT);
            run(OK);
            run(UNREACHABLE);
            run(budgetSpentUntil(clock.instant().plusSeconds(30)));
            assertEquals(Status.OK, run(UNREACHABLE).status(), "two inconclusive runs, not three");
            assertEquals(Status.UNKNOWN, run(UNREACHABLE).status());
        }

        @Test
        void aRunThatAskedNothingWithNothingToKeepIsShownAsItIs() throws Exception {
            coreWith(Tolerance.DEFAULT);

            CheckReport first = run(budgetSpentUntil(clock.instant().plusSeconds(600)));

            assertEquals(Status.UNKNOWN, first.status());
            assertEquals(Category.CALL_BUDGET_SPENT, first.category());
        }

        @Test
        void aRunThatAskedNothingBringsAStaleCheckBack() throws Exception {
            coreWith(Tolerance.DEFAULT);
            run(OK);
            clock.advance(Duration.ofMinutes(20));
            assertEquals(Category.STALE, core.latest(exchange.id()).orElseThrow().category());
            core.store.sweepStale();

            CheckReport kept = run(budgetSpentUntil(clock.instant().plusSeconds(600)));

            assertEquals(Status.OK, kept.status());
            assertEquals(Status.OK, core.latest(exchange.id()).orElseThrow().status());
            assertEquals(List.of(Status.OK, Status.UNKNOWN, Status.OK),
                    changes.stream().map(c -> c.current().status()).toList(), "back from STALE is a change");
            assertEquals(kept.startedAt(), kept.lastChange());
        }
    }
}
