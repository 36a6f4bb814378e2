package io.credwatch.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.Category;
import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckResult;
import io.credwatch.check.Status;
import io.credwatch.config.Environment;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.config.KeyType;
import io.credwatch.credential.ApiCredentials;
import io.credwatch.credential.CredentialResolver;
import io.credwatch.credential.SourceAttempt;
import io.credwatch.exchange.ExchangeCheckTest.Venue;
import io.credwatch.fingerprint.SafeFingerprint;
import io.credwatch.http.JsonMapper;
import io.credwatch.testing.PemKeys;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Accounts whose key is an Ed25519 or RSA private key, through the whole check over real HTTP:
 * the fake exchanges hold only the public half and verify every signature with it. A key this
 * host cannot sign with at all is {@code CRITICAL INVALID_CREDENTIALS} with the reason, before
 * anything is sent, and nothing of the private key shows in any result.
 */
@Timeout(60)
class ExchangeCheckKeyTypesTest {

    static final String API_KEY = "CANARYKEY-asymmetric-0123456789";
    static final PemKeys.Pair ED25519 = PemKeys.ed25519();
    static final PemKeys.Pair RSA = PemKeys.rsa();
    static final PemKeys.Pair OTHER_RSA = PemKeys.rsa();

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    final List<FakeExchange> fakes = new ArrayList<>();
    final List<CheckResult> results = new ArrayList<>();
    boolean aws = true;

    @AfterEach
    void noResultShowsAnyPieceOfAPrivateKey() throws Exception {
        fakes.forEach(FakeExchange::close);
        for (CheckResult result : results) {
            String json = JsonMapper.create().writeValueAsString(result) + result;
            for (PemKeys.Pair key : List.of(ED25519, RSA, OTHER_RSA)) {
                for (String piece : key.pieces(16)) {
                    assertFalse(json.contains(piece), () -> "shows '" + piece + "': " + json);
                }
            }
            assertFalse(json.contains(API_KEY), json);
        }
    }

    /** An exchange that knows the API key and, as the operator registered it, the public half of {@code key}. */
    FakeExchange start(Venue venue, PemKeys.Pair key) {
        FakeExchange fake = venue.fake.apply(ApiCredentials.of(API_KEY, ""));
        fake.registered = key.publicKey();
        fakes.add(fake);
        return fake;
    }

    CheckResult run(Venue venue, FakeExchange fake, KeyType keyType, String pem) throws Exception {
        ExchangeAccountConfig config = ExchangeCheckTest.account(venue, fake, List.of(), "", List.of())
                .withKeyType(keyType);
        ExchangeProbe probe = new ExchangeProbes(() -> http, Clock.systemUTC())
                .create(venue.type, config.baseUrl(), config.timeout());
        ExchangeCheck check = new ExchangeCheck(config, "exchanges[0]", new CredentialResolver(List.of(
                ExchangeCheckTest.given("env K+S", SourceAttempt.Outcome.FOUND, ApiCredentials.of(API_KEY, pem)))),
                probe, () -> Optional.of(ExchangeCheckTest.EGRESS), aws, Environment.PROD);
        Clock clock = Clock.systemUTC();
        CheckResult result = check.run(new CheckContext(clock, clock.instant().plus(check.timeout()), false));
        results.add(result);
        return result;
    }

    @Nested
    class AKeyTheExchangeHolds {

        @Test
        void anEd25519KeyAuthenticatesOnBinanceAndShowsItsPublicHalf() throws Exception {
            FakeBinance binance = (FakeBinance) start(Venue.BINANCE, ED25519);
            binance.restrictions = binance.restrictions.replace("\"enableWithdrawals\":true", "\"enableWithdrawals\":false");

            CheckResult result = run(Venue.BINANCE, binance, KeyType.ED25519, ED25519.pem());

            assertEquals(Status.OK, result.status(), result::toString);
            assertTrue(result.summary().contains("authenticates on Binance"), result.summary());
            assertEquals("ed25519", result.details().get("keyType"));
            assertEquals(SafeFingerprint.ofPublicKey(ED25519.publicKey().getEncoded()).toString(),
                    result.details().get("publicKeyFingerprint"));
            assertFalse(result.details().containsKey("secretFingerprint"), result.details()::toString);
        }

        @Test
        void anRsaKeyAuthenticatesOnBybit() throws Exception {
            FakeBybit bybit = (FakeBybit) start(Venue.BYBIT, RSA);
            bybit.keyInfo = bybit.keyInfo.replace("\"Withdraw\"", "\"Spot\"")
                    .replace("\"198.51.100.4\"", "\"" + ExchangeCheckTest.EGRESS + "\"");

            CheckResult result = run(Venue.BYBIT, bybit, KeyType.RSA, RSA.pem());

            assertEquals(Status.OK, result.status(), result::toString);
            assertEquals("rsa", result.details().get("keyType"));
            assertEquals(SafeFingerprint.ofPublicKey(RSA.publicKey().getEncoded()).toString(),
                    result.details().get("publicKeyFingerprint"));
        }

        @Test
        void anotherRsaKeyThanTheRegisteredOneIsRefusedByBinanceAsAWrongSignature() throws Exception {
            FakeExchange binance = start(Venue.BINANCE, RSA);

            CheckResult result = run(Venue.BINANCE, binance, KeyType.RSA, OTHER_RSA.pem());

            assertEquals(Status.CRITICAL, result.status(), result::toString);
            assertEquals(Category.AUTH_FAILED, result.category(), result::toString);
            assertEquals("-1022", result.details().get("errorCode"));
        }

        @Test
        void anotherRsaKeyThanTheRegisteredOneIsRefusedByBybitAsASignatureError() throws Exception {
            FakeExchange bybit = start(Venue.BYBIT, RSA);

            CheckResult result = run(Venue.BYBIT, bybit, KeyType.RSA, OTHER_RSA.pem());

            assertEquals(Category.AUTH_FAILED, result.category(), result::toString);
            assertEquals("10004", result.details().get("errorCode"));
        }
    }

    /** Judged on this host: nothing is sent, not even the public time call, and the reason is exact. */
    @Nested
    class AKeyThatCannotSign {

        CheckResult invalid(Venue venue, FakeExchange fake, KeyType keyType, String pem) throws Exception {
            CheckResult result = run(venue, fake, keyType, pem);
            assertEquals(Status.CRITICAL, result.status(), result::toString);
            assertEquals(Category.INVALID_CREDENTIALS, result.category(), result::toString);
            assertEquals(List.of(), fake.log, "a key that cannot sign reaches no exchange");
            return result;
        }

        @Test
        void aPemThatDoesNotParse() throws Exception {
            CheckResult result = invalid(Venue.BINANCE, start(Venue.BINANCE, ED25519), KeyType.ED25519,
                    ED25519.body());

            assertEquals("the ed25519 private key does not parse as PKCS#8 PEM: there is no -----BEGIN PRIVATE KEY----- "
                    + "line (from env K+S)", result.summary());
            assertTrue(result.remediation().contains("unencrypted, as PKCS#8 PEM"), result.remediation());
            assertEquals("ed25519", result.details().get("keyType"));
            assertFalse(result.details().containsKey("publicKeyFingerprint"), result.details()::toString);
        }

        @Test
        void aPemCutShort() throws Exception {
            CheckResult result = invalid(Venue.BYBIT, start(Venue.BYBIT, RSA), KeyType.RSA,
                    RSA.pem().substring(0, RSA.pem().length() - 40));

            assertTrue(result.summary().endsWith("has no END line (cut short?) (from env K+S)"), result.summary());
        }

        @Test
        void anRsaKeyGivenAsEd25519() throws Exception {
            CheckResult result = invalid(Venue.BINANCE, start(Venue.BINANCE, RSA), KeyType.ED25519, RSA.pem());

            assertEquals("the ed25519 private key is an RSA key, not ed25519 (from env K+S)",
                    result.summary());
        }

        @Test
        void aKeyTypeTheExchangeDoesNotTakeReachingTheCheckPastTheValidator() throws Exception {
            CheckResult result = invalid(Venue.BYBIT, start(Venue.BYBIT, ED25519), KeyType.ED25519, ED25519.pem());

            assertEquals("Bybit does not take ed25519 keys (exchanges[0].keyType); it takes hmac, rsa", result.summary());
            assertEquals("set exchanges[0].keyType to the type of the key registered at Bybit", result.remediation());
        }

        @Test
        void evenInTheLocalContextWhereNoSignatureIsBuilt() throws Exception {
            aws = false;

            CheckResult result = invalid(Venue.BINANCE, start(Venue.BINANCE, ED25519), KeyType.ED25519,
                    ED25519.pem().replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY"));

            assertTrue(result.summary().startsWith("the ed25519 private key is encrypted"), result.summary());
        }
    }
}
