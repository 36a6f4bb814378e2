package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class CryptoComProbeTest extends ProbeContract<FakeCryptoCom> {

    @Override
    ExchangeType type() {
        return ExchangeType.CRYPTOCOM;
    }

    @Override
    Function<ApiCredentials, FakeCryptoCom> fakeExchange() {
        return FakeCryptoCom::new;
    }

    @Override
    String privatePath() {
        return "/private/user-balance";
    }

    @Override
    Map<String, Category> refusals() {
        return Map.of("40101", Category.AUTH_FAILED, "40102", Category.CLOCK_SKEW, "40103", Category.IP_NOT_ALLOWLISTED,
                "40104", Category.PERMISSION_MISSING, "42901", Category.RATE_LIMITED, "50001", Category.UNAVAILABLE);
    }

    @Override
    Set<String> ambiguousCodes() {
        return Set.of("40101");
    }

    @Override
    boolean timeInBody() {
        return false;
    }

    @Override
    Optional<Category> wrongIpCategory() {
        return Optional.of(Category.AUTH_FAILED);
    }

    @Nested
    class Permissions {

        @Test
        void readAndTradeAreInferredFromTheCallsAllowed() throws Exception {
            ProbeOutcome outcome = run();

            assertEquals(KeyPermissions.Source.INFERRED, outcome.permissions().source());
            assertEquals(Set.of(Permission.READ, Permission.TRADE), outcome.permissions().normalized());
            assertEquals(List.of("private/user-balance", "private/get-open-orders"), outcome.permissions().raw());
        }

        @Test
        void aReadOnlyKeyAuthenticatesWithoutTrade() throws Exception {
            fake.refuse("/private/get-open-orders", "40101");

            ProbeOutcome outcome = run();

            assertTrue(outcome.authenticated());
            assertFalse(outcome.permissions().has(Permission.TRADE));
            assertTrue(outcome.message().contains("Trade permission not inferred"), outcome.message());
        }
    }

    @Nested
    class Codes {

        @Test
        void aCodeSentAsANumericStringIsReadLikeANumber() throws Exception {
            fake.codeAsString = true;
            assertTrue(run().authenticated());

            fake.refuse(privatePath(), "40102");
            ProbeOutcome outcome = run();

            assertEquals(Category.CLOCK_SKEW, outcome.category());
            assertEquals("40102", outcome.errorCode());
        }

        @Test
        void theDocumentedIpCodeIsNamedPlainly() throws Exception {
            fake.ipCode = "40103";
            fake.boundIps = Set.of("203.0.113.7");

            ProbeOutcome outcome = run();

            assertEquals(Category.IP_NOT_ALLOWLISTED, outcome.category());
            assertFalse(outcome.ambiguous());
        }

        @Test
        void theIpRefusalSeenInPracticeIsFlaggedAmbiguous() throws Exception {
            fake.boundIps = Set.of("203.0.113.7");

            ProbeOutcome outcome = run();

            assertEquals("40101", outcome.errorCode());
            assertTrue(outcome.ambiguous(), "the check decides between key and IP with the egress IP");
        }
    }
}
