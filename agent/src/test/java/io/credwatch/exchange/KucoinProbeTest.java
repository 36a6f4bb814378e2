package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.Category;
import io.credwatch.config.ExchangeType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KucoinProbeTest extends ProbeContract<FakeKucoin> {

    @Override
    ExchangeType type() {
        return ExchangeType.KUCOIN;
    }

    @Override
    Function<ApiCredentials, FakeKucoin> fakeExchange() {
        return FakeKucoin::new;
    }

    @Override
    ApiCredentials credentials() {
        return new ApiCredentials("probeKucoinKey0123456789", "probeKucoinSecret-8e7d6c5b4a", "probe-Passphrase-42");
    }

    @Override
    String privatePath() {
        return "/api/v1/user/api-key";
    }

    @Override
    Map<String, Category> refusals() {
        return Map.of("400001", Category.AUTH_FAILED, "400002", Category.CLOCK_SKEW, "400003", Category.AUTH_FAILED,
                "400004", Category.AUTH_FAILED, "400005", Category.AUTH_FAILED, "400006", Category.IP_NOT_ALLOWLISTED,
                "400007", Category.PERMISSION_MISSING, "429000", Category.RATE_LIMITED);
    }

    @Override
    Optional<Category> wrongIpCategory() {
        return Optional.of(Category.IP_NOT_ALLOWLISTED);
    }

    @Test
    void aWrongPassphraseIsAuthFailed() throws Exception {
        ProbeOutcome outcome = run(new ApiCredentials(credentials().key(), credentials().secret(), "wrong-passphrase"), BUDGET);

        assertEquals(Category.AUTH_FAILED, outcome.category());
        assertEquals("400004", outcome.errorCode());
    }

    @Nested
    class TheKeyDescription {

        @Test
        void permissionsAndWhitelistAreReported() throws Exception {
            ProbeOutcome outcome = run();

            assertEquals(Set.of(Permission.READ, Permission.TRADE, Permission.TRANSFER), outcome.permissions().normalized());
            assertEquals(List.of("General", "Spot", "Transfer"), outcome.permissions().raw());
            assertEquals(Optional.of(true), outcome.ipRestricted());
            assertEquals(List.of("203.0.113.7", "198.51.100.4"), outcome.boundIps());
        }

        @Test
        void anEmptyWhitelistIsUnbound() throws Exception {
            fake.keyInfo = "{\"apiKey\":\"%s\",\"permission\":\"General\",\"ipWhitelist\":\"\"}";

            ProbeOutcome outcome = run();

            assertEquals(Optional.of(false), outcome.ipRestricted());
            assertEquals(List.of(), outcome.boundIps());
        }

        @Test
        void whereItCannotBeReadTheAccountsCallStillProvesTheKey() throws Exception {
            fake.misbehave(privatePath(), FakeExchange.Misbehaviour.NOT_FOUND);

            ProbeOutcome outcome = run();

            assertTrue(outcome.authenticated(), outcome::toString);
            assertEquals(KeyPermissions.Source.UNKNOWN, outcome.permissions().source());
            assertEquals(1, fake.calls("/api/v1/accounts"));
        }
    }
}
