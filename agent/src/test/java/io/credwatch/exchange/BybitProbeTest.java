package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class BybitProbeTest extends ProbeContract<FakeBybit> {

    @Override
    ExchangeType type() {
        return ExchangeType.BYBIT;
    }

    @Override
    Function<ApiCredentials, FakeBybit> fakeExchange() {
        return FakeBybit::new;
    }

    @Override
    String privatePath() {
        return "/v5/user/query-api";
    }

    @Override
    Map<String, Category> refusals() {
        return Map.of("10002", Category.CLOCK_SKEW, "10003", Category.AUTH_FAILED, "10004", Category.AUTH_FAILED,
                "10005", Category.PERMISSION_MISSING, "10006", Category.RATE_LIMITED, "10010", Category.IP_NOT_ALLOWLISTED,
                "33004", Category.EXPIRED);
    }

    @Override
    Optional<Category> wrongIpCategory() {
        return Optional.of(Category.IP_NOT_ALLOWLISTED);
    }

    @Nested
    class TheKeyDescription {

        @Test
        void permissionsIpsAndExpiryAreReported() throws Exception {
            ProbeOutcome outcome = run();

            assertEquals(KeyPermissions.Source.REPORTED, outcome.permissions().source());
            assertEquals(Set.of(Permission.READ, Permission.TRADE, Permission.WITHDRAW, Permission.TRANSFER),
                    outcome.permissions().normalized());
            assertTrue(outcome.permissions().raw().contains("Wallet:Withdraw"), outcome.permissions()::toString);
            assertTrue(outcome.withdrawalsEnabled());
            assertEquals(Optional.of(true), outcome.ipRestricted());
            assertEquals(List.of("198.51.100.4", "203.0.113.7"), outcome.boundIps());
            assertEquals(Optional.of(Instant.parse("2030-01-02T03:04:05Z")), outcome.keyExpiresAt());
        }

        @Test
        void aStarIsAnUnboundKeyAndAReadOnlyKeyHasNoTrade() throws Exception {
            fake.keyInfo = """
                    {"apiKey":"%s","readOnly":1,"permissions":{"Spot":["SpotTrade"],"Wallet":[]},"ips":["*"],"expiredAt":""}""";

            ProbeOutcome outcome = run();

            assertEquals(Set.of(Permission.READ), outcome.permissions().normalized());
            assertEquals(Optional.of(false), outcome.ipRestricted());
            assertEquals(List.of("*"), outcome.boundIps());
            assertEquals(Optional.empty(), outcome.keyExpiresAt());
        }
    }

    @Test
    void theSigningStringBybitEchoesIsNotRepeated() throws Exception {
        ProbeOutcome outcome = run(withSecret(credentials(), "wrong-secret-000000000000000"), BUDGET);

        assertEquals("10004", outcome.errorCode());
        assertTrue(outcome.message().startsWith("error sign!"), outcome.message());
        assertFalse(outcome.message().contains(credentials().key()), outcome.message());
        assertFalse(outcome.message().contains("origin_string["), outcome.message());
    }
}
