package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.credwatch.check.Category;
import io.credwatch.config.ExchangeType;
import io.credwatch.info.BuildInfo;
import io.credwatch.testing.PemKeys;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * What every exchange probe must do against its fake exchange over real HTTP on loopback.
 * Each exchange's test class supplies its fake, its codes and where it differs.
 */
@Timeout(30)
abstract class ProbeContract<F extends FakeExchange> {

    static final Duration BUDGET = Duration.ofSeconds(5);
    static final Duration SKEW = Duration.ofSeconds(90);

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    /** The probe's clock; moved back instead of the exchange's forward where the time is only in a Date header. */
    Clock clientClock = Clock.systemUTC();
    F fake;

    abstract ExchangeType type();

    abstract Function<ApiCredentials, F> fakeExchange();

    /** The private path whose answer decides. */
    abstract String privatePath();

    /** Every code the exchange documents, with the category it must map to. */
    abstract Map<String, Category> refusals();

    Set<String> ambiguousCodes() {
        return Set.of();
    }

    /** What a key used from an IP off its list gets; empty where keys are not bound to IPs. */
    abstract Optional<Category> wrongIpCategory();

    /** Where the exchange checks no timestamp (Alpaca), a skewed clock is only measured. */
    Category skewCategory() {
        return Category.CLOCK_SKEW;
    }

    /**
     * Whether the public call carries the server's time in its body. Where it does not, the
     * offset comes from the Date header, which the JDK's test server always writes from the real
     * clock: there the probe's clock is moved back instead, which the exchange sees the same way.
     */
    boolean timeInBody() {
        return true;
    }

    void exchangeClockAhead(Duration skew) {
        if (timeInBody()) {
            fake.skew = skew;
        } else {
            clientClock = Clock.offset(Clock.systemUTC(), skew.negated());
        }
    }

    /** The code the outcome shows for a scripted one (Alpaca's body codes are finer than its statuses). */
    String shownCode(String scripted) {
        return scripted;
    }

    /**
     * A self-generated key (Ed25519, RSA): the exchange holds the public half of {@code key};
     * {@code other} is a private key it does not know, what a wrong secret is for such a key.
     */
    record SelfGenerated(PemKeys.Pair key, PemKeys.Pair other) {
    }

    /** Empty for an HMAC pair, which every exchange issues. */
    Optional<SelfGenerated> selfGenerated() {
        return Optional.empty();
    }

    /** The pair the probe signs with: a self-generated key's private key stands in the secret's place. */
    ApiCredentials credentials() {
        ApiCredentials hmac = ApiCredentials.of("probeKey0123456789abcdef", "probeSecret-9f8e7d6c5b4a39281706");
        return selfGenerated().map(k -> k.key().credentials(hmac.key())).orElse(hmac);
    }

    ApiCredentials withSecret(ApiCredentials c, String secret) {
        return selfGenerated().map(k -> k.other().credentials(c.key()))
                .orElseGet(() -> new ApiCredentials(c.key(), secret, c.passphrase()));
    }

    @BeforeEach
    void startExchange() {
        fake = fakeExchange().apply(credentials());
        selfGenerated().ifPresent(k -> fake.registered = k.key().publicKey());
    }

    @AfterEach
    void stopExchange() {
        fake.close();
    }

    ExchangeProbe probe() {
        return new ExchangeProbes(() -> http, clientClock).create(type(), fake.uri("").toString());
    }

    ProbeOutcome run(ApiCredentials credentials, Duration budget) throws InterruptedException {
        return probe().probe(credentials, Instant.now().plus(budget));
    }

    ProbeOutcome run() throws InterruptedException {
        return run(credentials(), BUDGET);
    }

    @Test
    void everyRequestSaysItIsCredwatchAndWhichVersion() throws Exception {
        String version = BuildInfo.load().version();
        assertFalse(version.equals("unknown"), "the build stamps its version");

        run();
        run(withSecret(credentials(), "wrong-secret-0123456789"), BUDGET);

        assertTrue(fake.userAgents.size() >= 4, "time and signed calls, twice: " + fake.log);
        assertEquals(Set.of("credwatch/" + version), Set.copyOf(fake.userAgents), fake.userAgents::toString);
    }

    @Test
    void aRunSignsNoMoreCallsThanItsExchangeIsCountedFor() throws Exception {
        assertTrue(run().authenticated());

        assertTrue(fake.privateCalls() >= 1 && fake.privateCalls() <= type().signedCallsPerRun(), fake.log::toString);
    }

    @Test
    void a429EndsTheRunUnretriedAndNoAccountOnTheHostAsksBeforeItsRetryAfter() throws Exception {
        Clock fixed = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        ExchangeProbes probes = new ExchangeProbes(() -> http, fixed);
        fake.answerEverything(429, Map.of("Retry-After", "120"), "{\"code\":429}");

        ProbeOutcome limited = probes.create(type(), fake.uri("").toString())
                .probe(credentials(), fixed.instant().plus(BUDGET));

        assertEquals(Category.RATE_LIMITED, limited.category(), limited::toString);
        assertEquals(Optional.of(fixed.instant().plusSeconds(120)), limited.retryAt());
        assertEquals(1, fake.log.size(), "a rate limit is never retried: " + fake.log);
        ProbeOutcome otherAccount = probes.create(type(), fake.uri("").toString())
                .probe(ApiCredentials.of("otherKey0123456789abcdef", "otherSecret-0123456789abcdef"),
                        fixed.instant().plus(BUDGET));
        assertEquals(Category.RATE_LIMITED, otherAccount.category());
        assertEquals(limited.retryAt(), otherAccount.retryAt());
        assertEquals(1, fake.log.size(), "the other account sent nothing: " + fake.log);
        assertTrue(otherAccount.message().startsWith("no request sent"), otherAccount.message());
    }

    @Test
    void aGoodKeyAuthenticatesWithItsClockOffsetMeasured() throws Exception {
        ProbeOutcome outcome = run();

        assertTrue(outcome.authenticated(), outcome::toString);
        assertTrue(outcome.privateCalled());
        assertEquals(Category.NONE, outcome.category());
        assertEquals(200, outcome.httpStatus());
        assertEquals("", outcome.errorCode());
        assertTrue(outcome.clockOffset().orElseThrow().abs().compareTo(Duration.ofMillis(1500)) < 0, outcome::toString);
        assertEquals(credentials().keyFingerprint().toString(), outcome.keyFingerprint());
        assertTrue(outcome.permissions().has(Permission.READ), outcome::toString);
    }

    @TestFactory
    List<DynamicTest> eachRefusalCodeMapsToItsCategory() {
        return refusals().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " → " + e.getValue(), () -> {
            fake.refuse(privatePath(), e.getKey());

            ProbeOutcome outcome = run();

            assertFalse(outcome.authenticated(), outcome::toString);
            assertEquals(e.getValue(), outcome.category(), outcome::toString);
            assertEquals(ambiguousCodes().contains(e.getKey()), outcome.ambiguous(), outcome::toString);
            if (outcome.httpStatus() != 429 && outcome.httpStatus() < 500) {
                assertEquals(shownCode(e.getKey()), outcome.errorCode(), outcome::toString);
            }
        })).toList();
    }

    @Test
    void aWrongSecretFailsTheExchangesOwnSignatureCheck() throws Exception {
        ProbeOutcome outcome = run(withSecret(credentials(), "not-the-secret-0000000000000000"), BUDGET);

        assertFalse(outcome.authenticated());
        assertEquals(Category.AUTH_FAILED, outcome.category(), outcome::toString);
        assertEquals(1, fake.calls(privatePath()), "an auth failure is never retried");
    }

    @Test
    void anUnknownKeyIsAuthFailed() throws Exception {
        ApiCredentials stranger = new ApiCredentials("strangerKey000000000000", credentials().secret(), credentials().passphrase());

        ProbeOutcome outcome = run(stranger, BUDGET);

        assertEquals(Category.AUTH_FAILED, outcome.category(), outcome::toString);
    }

    @Test
    void anExchangeClockAheadIsMeasuredAndRefusedAsTheExchangeDoes() throws Exception {
        exchangeClockAhead(SKEW);

        ProbeOutcome outcome = run();

        Duration error = outcome.clockOffset().orElseThrow().minus(SKEW).abs();
        assertTrue(error.compareTo(Duration.ofMillis(1500)) < 0, outcome::toString);
        assertEquals(skewCategory(), outcome.category(), outcome::toString);
    }

    @Test
    void aKeyUsedFromAnIpOffItsListIsRefused() throws Exception {
        assumeTrue(wrongIpCategory().isPresent(), "this exchange binds no IPs to keys");
        fake.boundIps = Set.of("203.0.113.7");

        ProbeOutcome outcome = run();

        assertFalse(outcome.authenticated());
        assertEquals(wrongIpCategory().get(), outcome.category(), outcome::toString);
    }

    @Test
    void serverErrorsAreRetriedAndALaterAttemptSucceeds() throws Exception {
        fake.failFirst(privatePath(), 2);

        ProbeOutcome outcome = run();

        assertTrue(outcome.authenticated(), outcome::toString);
        assertEquals(3, fake.calls(privatePath()));
    }

    @Test
    void persistentServerErrorsAreRetriedThreeTimesThenUnavailable() throws Exception {
        fake.misbehave(privatePath(), FakeExchange.Misbehaviour.ERROR_500);

        ProbeOutcome outcome = run();

        assertEquals(Category.UNAVAILABLE, outcome.category(), outcome::toString);
        assertEquals(500, outcome.httpStatus());
        assertEquals(1 + ExchangeHttp.MAX_RETRIES, fake.calls(privatePath()));
    }

    @Test
    void retriesNeverRunPastTheDeadline() throws Exception {
        fake.misbehave(privatePath(), FakeExchange.Misbehaviour.ERROR_500);
        Instant start = Instant.now();

        ProbeOutcome outcome = run(credentials(), Duration.ofMillis(300));

        assertTrue(Duration.between(start, Instant.now()).compareTo(Duration.ofMillis(600)) < 0);
        assertTrue(Set.of(Category.UNAVAILABLE, Category.TIMEOUT).contains(outcome.category()), outcome::toString);
        assertTrue(fake.calls(privatePath()) < 1 + ExchangeHttp.MAX_RETRIES);
    }

    @Test
    void aHangingExchangeEndsAsTimeoutAtTheDeadline() throws Exception {
        fake.misbehave(privatePath(), FakeExchange.Misbehaviour.HANG);
        Instant start = Instant.now();

        ProbeOutcome outcome = run(credentials(), Duration.ofSeconds(1));

        Duration took = Duration.between(start, Instant.now());
        assertTrue(took.compareTo(Duration.ofMillis(1500)) < 0, "took " + took);
        assertEquals(Category.TIMEOUT, outcome.category(), outcome::toString);
    }

    @Test
    void garbageIsABadResponseThatQuotesNothing() throws Exception {
        fake.misbehave(fake.publicPath(), FakeExchange.Misbehaviour.GARBAGE);

        ProbeOutcome outcome = run();

        assertEquals(Category.BAD_RESPONSE, outcome.category(), outcome::toString);
        assertFalse(outcome.message().contains("portal"), outcome.message());
        assertFalse(outcome.privateCalled(), "no signed call after the public one failed");
    }

    @Test
    void aHugeBodyIsABadResponseReadOnlyUpToTheCap() throws Exception {
        fake.misbehave(fake.publicPath(), FakeExchange.Misbehaviour.HUGE);

        ProbeOutcome outcome = run();

        assertEquals(Category.BAD_RESPONSE, outcome.category(), outcome::toString);
        assertTrue(outcome.message().contains("longer than"), outcome.message());
    }

    @Test
    void anUnreachableExchangeIsUnavailable() throws Exception {
        ExchangeProbe probe = probe();
        fake.close();

        ProbeOutcome outcome = probe.probe(credentials(), Instant.now().plus(BUDGET));

        assertEquals(Category.UNAVAILABLE, outcome.category(), outcome::toString);
        assertEquals(0, outcome.httpStatus());
    }

    @Test
    void thePublicOnlyProbeSendsNoKeyAndNoPrivateRequest() throws Exception {
        exchangeClockAhead(Duration.ofSeconds(10));

        ProbeOutcome outcome = probe().probePublic(Instant.now().plus(BUDGET));

        assertEquals(List.of("GET " + fake.publicPath()), fake.log);
        assertFalse(outcome.authenticated());
        assertFalse(outcome.privateCalled());
        assertEquals(Category.NONE, outcome.category(), outcome::toString);
        assertEquals("", outcome.keyFingerprint());
        assertTrue(outcome.clockOffset().orElseThrow().minusSeconds(10).abs().compareTo(Duration.ofMillis(1500)) < 0);
    }

    @Test
    void onlyTheReadOnlyEndpointsAreEverCalled() throws Exception {
        run();

        for (String line : fake.log) {
            String path = line.split(" ")[1];
            assertTrue(path.equals(fake.publicPath()) || fake.privatePaths().contains(path), line);
            assertFalse(path.equals(fake.publicPath()) && line.endsWith("[key]"), "the public call carries no key: " + line);
        }
    }
}
