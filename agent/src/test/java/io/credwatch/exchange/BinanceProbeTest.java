package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.Category;
import io.credwatch.config.ExchangeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BinanceProbeTest extends ProbeContract<FakeBinance> {

    @Override
    ExchangeType type() {
        return ExchangeType.BINANCE;
    }

    @Override
    Function<ApiCredentials, FakeBinance> fakeExchange() {
        return FakeBinance::new;
    }

    @Override
    String privatePath() {
        return "/sapi/v1/account/apiRestrictions";
    }

    @Override
    Map<String, Category> refusals() {
        return Map.of("-1021", Category.CLOCK_SKEW, "-1022", Category.AUTH_FAILED, "-2014", Category.AUTH_FAILED,
                "-2015", Category.AUTH_FAILED, "-1003", Category.RATE_LIMITED);
    }

    @Override
    Set<String> ambiguousCodes() {
        return Set.of("-2015");
    }

    @Override
    Optional<Category> wrongIpCategory() {
        return Optional.of(Category.AUTH_FAILED);
    }

    @Nested
    class TheRestrictions {

        @Test
        void ipRestrictWithdrawalsAndTradingExpiryAreReported() throws Exception {
            ProbeOutcome outcome = run();

            assertEquals(Optional.of(true), outcome.ipRestricted());
            assertEquals(List.of(), outcome.boundIps());
            assertTrue(outcome.withdrawalsEnabled());
            assertEquals(Set.of(Permission.READ, Permission.TRADE, Permission.WITHDRAW), outcome.permissions().normalized());
            assertEquals(List.of("enableReading", "enableWithdrawals", "enableSpotAndMarginTrading"), outcome.permissions().raw());
            assertEquals(Optional.of(Instant.ofEpochMilli(1893456000000L)), outcome.keyExpiresAt());
        }

        @Test
        void anUnrestrictedReadOnlyKey() throws Exception {
            fake.restrictions = "{\"ipRestrict\":false,\"enableReading\":true,\"enableWithdrawals\":false}";

            ProbeOutcome outcome = run();

            assertEquals(Optional.of(false), outcome.ipRestricted());
            assertEquals(Set.of(Permission.READ), outcome.permissions().normalized());
            assertEquals(Optional.empty(), outcome.keyExpiresAt());
        }
    }

    @Test
    void aWrongIpIsAmbiguousLikeEveryMinus2015() throws Exception {
        fake.boundIps = Set.of("203.0.113.7");

        ProbeOutcome outcome = run();

        assertEquals("-2015", outcome.errorCode());
        assertTrue(outcome.ambiguous());
    }
}
