package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.Category;
import io.credwatch.config.ExchangeType;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AlpacaProbeTest extends ProbeContract<FakeAlpaca> {

    @Override
    ExchangeType type() {
        return ExchangeType.ALPACA;
    }

    @Override
    Function<ApiCredentials, FakeAlpaca> fakeExchange() {
        return FakeAlpaca::new;
    }

    @Override
    ApiCredentials credentials() {
        return ApiCredentials.of("PKPROBE0123456789ABCD", "probeAlpacaSecret-7a6b5c4d3e2f1a0b");
    }

    @Override
    String privatePath() {
        return "/v2/account";
    }

    @Override
    Map<String, Category> refusals() {
        return Map.of("401", Category.AUTH_FAILED, "403", Category.PERMISSION_MISSING, "429", Category.RATE_LIMITED);
    }

    @Override
    boolean timeInBody() {
        return false;
    }

    @Override
    Optional<Category> wrongIpCategory() {
        return Optional.empty();
    }

    @Override
    String shownCode(String status) {
        return FakeAlpaca.alpacaCode(status);
    }

    @Override
    Category skewCategory() {
        return Category.NONE;
    }

    @Test
    void theAccountFlagsAreReported() throws Exception {
        fake.account = "{\"status\":\"ACTIVE\",\"trading_blocked\":true,\"account_blocked\":false}";

        ProbeOutcome outcome = run();

        assertTrue(outcome.authenticated());
        assertEquals(Optional.of(new AccountState("ACTIVE", true, false)), outcome.account());
        assertEquals(Optional.empty(), outcome.environmentMismatch(), "a local URL is neither live nor paper");
    }

    @Nested
    class PaperAndLive {

        private ProbeOutcome probeAs(AlpacaEnvironment environment, ApiCredentials credentials) throws Exception {
            Clock clock = Clock.systemUTC();
            ExchangeHttp exchangeHttp = new ExchangeHttp(() -> http, fake.uri(""), clock, Duration.ofSeconds(5),
                    RandomGenerator.getDefault(), new ExchangeHttp.Manners(new HostBackoff(clock),
                    new CallBudgets(clock).of("alpaca", 60), "credwatch/test",
                    ExchangeProbes.limitStatuses(ExchangeType.ALPACA)));
            return new AlpacaProbe(exchangeHttp, environment).probe(credentials, Instant.now().plus(BUDGET));
        }

        @Test
        void aPaperKeyAgainstTheLiveUrlIsNamedEvenWhenRefused() throws Exception {
            ProbeOutcome outcome = probeAs(AlpacaEnvironment.LIVE, withSecret(credentials(), "wrong"));

            assertEquals(Category.AUTH_FAILED, outcome.category());
            assertEquals(Optional.of("paper key (PK…) against the live URL"), outcome.environmentMismatch());
        }

        @Test
        void aLiveKeyAgainstThePaperUrlIsNamed() throws Exception {
            ProbeOutcome outcome = probeAs(AlpacaEnvironment.PAPER, ApiCredentials.of("AKLIVE0123456789ABCD", "x"));

            assertEquals(Optional.of("live key (AK…) against the paper URL"), outcome.environmentMismatch());
        }

        @Test
        void theEnvironmentIsReadFromTheBaseUrl() {
            assertEquals(AlpacaEnvironment.LIVE, AlpacaEnvironment.of(URI.create("https://api.alpaca.markets")));
            assertEquals(AlpacaEnvironment.PAPER, AlpacaEnvironment.of(URI.create("https://paper-api.alpaca.markets/")));
            assertEquals(AlpacaEnvironment.UNKNOWN, AlpacaEnvironment.of(URI.create("http://127.0.0.1:8080")));
        }
    }
}
