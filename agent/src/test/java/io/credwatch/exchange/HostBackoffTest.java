package io.credwatch.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** How long a host stays paused after it refused for load, with and without its own word on it. */
class HostBackoffTest {

    private static final Instant T0 = Instant.parse("2030-01-02T03:04:05Z");
    private static final String HOST = "api.binance.com";

    private final MutableClock clock = new MutableClock(T0);
    private final HostBackoff backoff = new HostBackoff(clock);

    private Instant limited(Optional<Instant> hint) {
        return backoff.limited(HOST, hint, Duration.ZERO, "HTTP 429 to GET /api/v3/time");
    }

    @Nested
    class WithoutAHint {

        @Test
        void theFirstPauseIsAMinuteAndEachLimitMetSoonAfterDoublesItUpToAnHour() {
            Duration[] expected = {Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(8), Duration.ofMinutes(16), Duration.ofMinutes(32), Duration.ofHours(1),
                Duration.ofHours(1)};
            for (Duration length : expected) {
                Instant until = limited(Optional.empty());
                assertEquals(clock.instant().plus(length), until);
                clock.advance(length); // the pause ends; the first call after it is limited again
            }
        }

        @Test
        void aLimitMetLongAfterThePauseEndedStartsAfresh() {
            limited(Optional.empty());
            limited(Optional.empty());
            clock.advance(Duration.ofMinutes(2).plus(Duration.ofMinutes(2)).plusSeconds(1));

            assertEquals(clock.instant().plus(HostBackoff.FIRST_PAUSE), limited(Optional.empty()));
        }

        @Test
        void anExchangesShortestPauseIsKept() {
            Instant until = backoff.limited(HOST, Optional.empty(), Duration.ofMinutes(10),
                    "HTTP 403 to GET /v5/market/time");

            assertEquals(T0.plus(Duration.ofMinutes(10)), until);
        }
    }

    @Nested
    class WithAHint {

        @Test
        void theExchangesTimeIsHonoured() {
            assertEquals(T0.plusSeconds(120), limited(Optional.of(T0.plusSeconds(120))));
            assertEquals(Optional.of(T0.plusSeconds(120)), backoff.pauseOf(HOST).map(HostBackoff.Pause::until));
        }

        @Test
        void aHintPastThreeDaysIsCutThereAndOneInThePastIsIgnored() {
            assertEquals(T0.plus(Duration.ofDays(3)), limited(Optional.of(T0.plus(Duration.ofDays(400)))));
            HostBackoff fresh = new HostBackoff(clock);
            assertEquals(T0.plus(HostBackoff.FIRST_PAUSE),
                    fresh.limited(HOST, Optional.of(T0.minusSeconds(5)), Duration.ZERO, "HTTP 429"));
        }

        @Test
        void aShorterAnswerFromAnotherAccountDoesNotEndALongerPause() {
            Instant ban = limited(Optional.of(T0.plus(Duration.ofHours(2))));

            assertEquals(ban, limited(Optional.of(T0.plusSeconds(10))));
        }
    }

    @Test
    void aPauseHoldsUntilItsMomentAndOnlyForItsHost() {
        Instant until = limited(Optional.of(T0.plusSeconds(120)));

        assertTrue(backoff.pauseOf("api.bybit.com").isEmpty());
        clock.advance(Duration.ofSeconds(119));
        assertTrue(backoff.pauseOf(HOST).isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(until, clock.instant());
        assertTrue(backoff.pauseOf(HOST).isEmpty(), "at retryAt the host may be asked again");
    }

    @Test
    void aHostIsNamedWithItsPortOnlyWhenThePortIsUnusual() {
        assertEquals("api.binance.com", HostBackoff.hostOf(URI.create("https://API.binance.com/")));
        assertEquals("api.binance.com", HostBackoff.hostOf(URI.create("https://api.binance.com:443")));
        assertEquals("api.crypto.com", HostBackoff.hostOf(URI.create("https://api.crypto.com/exchange/v1")));
        assertEquals("127.0.0.1:8080", HostBackoff.hostOf(URI.create("http://127.0.0.1:8080")));
    }
}
