package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.config.ExchangeType;
import io.credwatch.testing.PemKeys;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Every way a probe can end, against exchanges that quote back everything they were sent:
 * no outcome shows the canary secret or passphrase, nor any 8 characters of them, nor the key;
 * with an Ed25519 or RSA key, nor any 16 characters of the private key's PEM.
 */
@Timeout(120)
class CanaryTest {

    static final ApiCredentials CANARY = new ApiCredentials("PKCANARYKEY-aa11bb22cc33dd44",
            "CANARY-s3cr3t-Vq7Lx9Pz2Wm4Rt8Ny6", "CANARY-pass-Hk5Jd8Fs3Ga1");
    static final PemKeys.Pair CANARY_ED25519 = PemKeys.ed25519();
    static final PemKeys.Pair CANARY_RSA = PemKeys.rsa();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Exchange(ExchangeType type, Function<ApiCredentials, FakeExchange> fake, ErrorCodes codes, String privatePath) {
    }

    static List<Exchange> exchanges() {
        return List.of(
                new Exchange(ExchangeType.CRYPTOCOM, FakeCryptoCom::new, CryptoComProbe.CODES, "/private/user-balance"),
                new Exchange(ExchangeType.BYBIT, FakeBybit::new, BybitProbe.CODES, BybitProbe.QUERY_API),
                new Exchange(ExchangeType.BINANCE, FakeBinance::new, BinanceProbe.CODES, BinanceProbe.RESTRICTIONS),
                new Exchange(ExchangeType.KUCOIN, FakeKucoin::new, KucoinProbe.CODES, KucoinProbe.API_KEY),
                new Exchange(ExchangeType.ALPACA, FakeAlpaca::new,
                        new ErrorCodes(Map.of("401", io.credwatch.check.Category.AUTH_FAILED,
                                "403", io.credwatch.check.Category.PERMISSION_MISSING), Set.of()), AlpacaProbe.ACCOUNT));
    }

    /** Every way a probe can end: success, each documented code, a wrong IP, a skewed clock, each misbehaviour. */
    static Map<String, Consumer<FakeExchange>> scenarios(Exchange exchange) {
        Map<String, Consumer<FakeExchange>> scenarios = new LinkedHashMap<>();
        scenarios.put("success", fake -> { });
        exchange.codes().categories().keySet().forEach(code ->
                scenarios.put("code " + code, fake -> fake.refuse(exchange.privatePath(), code)));
        scenarios.put("wrong IP", fake -> fake.boundIps = Set.of("203.0.113.7"));
        scenarios.put("clock", fake -> fake.skew = Duration.ofMinutes(5));
        for (FakeExchange.Misbehaviour m : FakeExchange.Misbehaviour.values()) {
            scenarios.put(m.name(), fake -> fake.misbehave(exchange.privatePath(), m));
        }
        return scenarios;
    }

    /** Each scenario against an exchange that quotes every request back, with each of {@code sent}. */
    List<ProbeOutcome> outcomes(Exchange exchange, ApiCredentials known, Consumer<FakeExchange> register,
                                List<ApiCredentials> sent) throws InterruptedException {
        List<ProbeOutcome> outcomes = new ArrayList<>();
        for (Consumer<FakeExchange> scenario : scenarios(exchange).values()) {
            for (ApiCredentials pair : sent) {
                try (FakeExchange fake = exchange.fake().apply(known)) {
                    fake.echoRequests = true;
                    register.accept(fake);
                    scenario.accept(fake);
                    ExchangeProbe probe = new ExchangeProbes(() -> http, Clock.systemUTC())
                            .create(exchange.type(), fake.uri("").toString());
                    outcomes.add(probe.probe(pair, Instant.now().plus(Duration.ofMillis(700))));
                    outcomes.add(probe.probePublic(Instant.now().plus(Duration.ofMillis(700))));
                }
            }
        }
        assertTrue(outcomes.stream().anyMatch(ProbeOutcome::authenticated), "the canary pair authenticates somewhere");
        return outcomes;
    }

    @TestFactory
    Stream<DynamicTest> noOutcomeShowsTheSecretThePassphraseOrTheKey() {
        return exchanges().stream().map(exchange -> DynamicTest.dynamicTest(exchange.type().label(), () -> {
            for (ProbeOutcome outcome : outcomes(exchange, CANARY, fake -> { },
                    List.of(CANARY, wrongSecret(), wrongKey()))) {
                assertShowsNoCanary(outcome.toString());
            }
            assertShowsNoCanary(CANARY.toString());
        }));
    }

    /**
     * The same for Ed25519 and RSA keys: the exchange holds the public half, and no outcome shows
     * the canary private key's base64 body or any 16 characters of it, whether the right key or
     * another one signed.
     */
    @TestFactory
    Stream<DynamicTest> noOutcomeShowsAnyPieceOfAPrivateKey() {
        return Stream.of(
                new SelfGenerated(exchange(ExchangeType.BINANCE), CANARY_ED25519, PemKeys.ed25519()),
                new SelfGenerated(exchange(ExchangeType.BINANCE), CANARY_RSA, PemKeys.rsa()),
                new SelfGenerated(exchange(ExchangeType.BYBIT), CANARY_RSA, PemKeys.rsa())).map(c -> DynamicTest.dynamicTest(
                c.exchange().type().label() + " " + c.canary().type().label(), () -> {
                    ApiCredentials right = c.canary().credentials(CANARY.key());
                    ApiCredentials wrong = c.other().credentials(CANARY.key());
                    for (ProbeOutcome outcome : outcomes(c.exchange(), ApiCredentials.of(CANARY.key(), ""),
                            fake -> fake.registered = c.canary().publicKey(), List.of(right, wrong))) {
                        assertShowsNoPieceOf(c.canary(), outcome.toString());
                        assertShowsNoPieceOf(c.other(), outcome.toString());
                        assertShowsNoCanary(outcome.toString());
                    }
                    assertShowsNoPieceOf(c.canary(), right + " " + right.signingKey().orElseThrow());
                }));
    }

    /** An exchange holding the public half of {@code canary}; {@code other} is a key it does not know. */
    record SelfGenerated(Exchange exchange, PemKeys.Pair canary, PemKeys.Pair other) {
    }

    static Exchange exchange(ExchangeType type) {
        return exchanges().stream().filter(e -> e.type() == type).findFirst().orElseThrow();
    }

    static void assertShowsNoPieceOf(PemKeys.Pair key, String shown) {
        assertFalse(shown.contains(key.body()), shown);
        for (String piece : key.pieces(16)) {
            assertFalse(shown.contains(piece), () -> "shows '" + piece + "': " + shown);
        }
    }

    private static ApiCredentials wrongSecret() {
        return new ApiCredentials(CANARY.key(), CANARY.secret() + "x", CANARY.passphrase());
    }

    private static ApiCredentials wrongKey() {
        return new ApiCredentials("PKCANARY-unknown-key-0000", CANARY.secret(), CANARY.passphrase());
    }

    static void assertShowsNoCanary(String shown) {
        assertFalse(shown.contains(CANARY.key()), shown);
        for (String value : List.of(CANARY.secret(), CANARY.passphrase(), wrongSecret().secret())) {
            for (int i = 0; i + 8 <= value.length(); i++) {
                String piece = value.substring(i, i + 8);
                assertFalse(shown.contains(piece), () -> "shows '" + piece + "': " + shown);
            }
        }
    }
}
