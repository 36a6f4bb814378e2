package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.check.Category;
import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckResult;
import io.credwatch.check.Status;
import io.credwatch.config.CredentialSources;
import io.credwatch.config.Environment;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.config.ExchangeType;
import io.credwatch.credential.CredentialResolver;
import io.credwatch.credential.CredentialSource;
import io.credwatch.credential.SourceAttempt;
import io.credwatch.http.JsonMapper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exchange check over real HTTP against each fake exchange: the probe's outcome, the egress
 * IP and the account's configuration turned into the verdict an operator reads at 3 a.m.
 */
@Timeout(60)
class ExchangeCheckTest {

    static final String EGRESS = "198.51.100.23";
    static final ObjectMapper JSON = JsonMapper.create();

    /** Each exchange's fake, the signed path that decides, and a code it sends when rate-limiting. */
    enum Venue {
        CRYPTOCOM(ExchangeType.CRYPTOCOM, FakeCryptoCom::new, "/private/user-balance", "42901", false),
        BYBIT(ExchangeType.BYBIT, FakeBybit::new, "/v5/user/query-api", "10006", true),
        BINANCE(ExchangeType.BINANCE, FakeBinance::new, "/sapi/v1/account/apiRestrictions", "-1003", true),
        KUCOIN(ExchangeType.KUCOIN, FakeKucoin::new, "/api/v1/user/api-key", "429000", true),
        ALPACA(ExchangeType.ALPACA, FakeAlpaca::new, "/v2/account", "429", false);

        final ExchangeType type;
        final Function<ApiCredentials, FakeExchange> fake;
        final String privatePath;
        final String rateLimitCode;
        final boolean bindsIps;

        Venue(ExchangeType type, Function<ApiCredentials, FakeExchange> fake, String privatePath,
              String rateLimitCode, boolean bindsIps) {
            this.type = type;
            this.fake = fake;
            this.privatePath = privatePath;
            this.rateLimitCode = rateLimitCode;
            this.bindsIps = bindsIps;
        }

        ApiCredentials canary() {
            return new ApiCredentials("CANARYKEY-" + name() + "-0123456789", "CANARY-SECRET-" + name() + "-f00dfeed",
                    type == ExchangeType.KUCOIN ? "CANARY-PASS-" + name() : "");
        }
    }

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    final List<FakeExchange> fakes = new ArrayList<>();
    final List<CheckResult> results = new ArrayList<>();
    Clock clientClock = Clock.systemUTC();
    Optional<String> egress = Optional.of(EGRESS);
    boolean aws = true;

    @AfterEach
    void everyResultIsFreeOfSecrets() throws Exception {
        fakes.forEach(FakeExchange::close);
        for (CheckResult r : results) {
            String json = JSON.writeValueAsString(r);
            for (Venue v : Venue.values()) {
                assertFalse(json.contains(v.canary().secret()), json);
                assertFalse(json.contains(v.canary().key()), json);
                assertFalse(json.contains("CANARY-PASS"), json);
            }
        }
    }

    FakeExchange start(Venue venue) {
        FakeExchange fake = venue.fake.apply(venue.canary());
        fakes.add(fake);
        return fake;
    }

    static ExchangeAccountConfig account(Venue venue, FakeExchange fake, List<String> allowlist, String expected,
                                         List<String> required) {
        return new ExchangeAccountConfig(venue.name().toLowerCase() + "-main", venue.type, fake.uri("").toString(),
                true, Duration.ofMinutes(5), Duration.ofSeconds(2), allowlist, new CredentialSources(
                List.of(List.of("K", "S")), null, null, null), expected, required, null, null);
    }

    static CredentialSource given(String name, SourceAttempt.Outcome outcome, ApiCredentials pair) {
        return new CredentialSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SourceAttempt look(Instant deadline) {
                return switch (outcome) {
                    case FOUND -> SourceAttempt.found(name, List.of("K", "S"), pair);
                    case EMPTY -> SourceAttempt.empty(name, "K and S are unset");
                    case INCOMPLETE -> SourceAttempt.incomplete(name, "K is set but S is unset");
                    case FAILED -> SourceAttempt.failed(name, "cannot read it: AccessDeniedException");
                };
            }
        };
    }

    CheckResult run(Venue venue, ExchangeAccountConfig config, List<CredentialSource> sources) throws Exception {
        ExchangeProbe probe = new ExchangeProbes(() -> http, clientClock)
                .create(venue.type, config.baseUrl(), config.timeout());
        ExchangeCheck check = new ExchangeCheck(config, "exchanges[0]", new CredentialResolver(sources), probe,
                () -> egress, aws, Environment.PROD);
        Clock clock = Clock.systemUTC();
        CheckResult result = check.run(new CheckContext(clock, clock.instant().plus(check.timeout()), false));
        results.add(result);
        return result;
    }

    CheckResult run(Venue venue, FakeExchange fake, List<String> allowlist) throws Exception {
        return run(venue, account(venue, fake, allowlist, "", List.of()),
                List.of(given("env K+S", SourceAttempt.Outcome.FOUND, venue.canary())));
    }

    CheckResult run(Venue venue, FakeExchange fake) throws Exception {
        return run(venue, fake, List.of());
    }

    @ParameterizedTest
    @EnumSource(Venue.class)
    void aGoodKeyAuthenticatesAndItsDetailsSayWhereItCameFrom(Venue venue) throws Exception {
        if (venue == Venue.BINANCE) {
            // The fake's default key may withdraw; a clean key is the point here.
            ((FakeBinance) start(venue)).restrictions = ((FakeBinance) fakes.get(0)).restrictions
                    .replace("\"enableWithdrawals\":true", "\"enableWithdrawals\":false");
        } else {
            start(venue);
        }
        FakeExchange fake = fakes.get(0);
        if (venue == Venue.BYBIT) {
            ((FakeBybit) fake).keyInfo = ((FakeBybit) fake).keyInfo.replace("\"Withdraw\"", "\"Spot\"")
                    .replace("\"198.51.100.4\"", "\"" + EGRESS + "\"");
        }
        if (venue == Venue.KUCOIN) {
            ((FakeKucoin) fake).keyInfo = ((FakeKucoin) fake).keyInfo.replace("198.51.100.4", EGRESS);
        }

        CheckResult result = run(venue, fake);

        assertEquals(Status.OK, result.status(), result::toString);
        assertEquals(Category.NONE, result.category());
        assertTrue(result.summary().contains("authenticates on " + venue.type.displayName() + " from " + EGRESS),
                result.summary());
        assertEquals(venue.canary().keyFingerprint().toString(), result.details().get("keyFingerprint"));
        assertEquals("env K+S", result.details().get("source"));
        assertEquals(List.of("K", "S"), result.details().get("names"));
        assertTrue(result.details().containsKey("clockOffsetMillis"), result.details()::toString);
        assertFalse(result.details().containsKey("alsoFound"), result.details()::toString);
    }

    @ParameterizedTest
    @EnumSource(Venue.class)
    void aWrongSecretIsAuthFailedNamingTheKeyToCompare(Venue venue) throws Exception {
        FakeExchange fake = start(venue);
        ApiCredentials wrong = new ApiCredentials(venue.canary().key(), "CANARY-SECRET-" + venue.name() + "-wrong",
                venue.canary().passphrase());

        CheckResult result = run(venue, account(venue, fake, List.of(EGRESS), "", List.of()),
                List.of(given("envFile /etc/bot.env", SourceAttempt.Outcome.FOUND, wrong)));

        assertEquals(Status.CRITICAL, result.status(), result::toString);
        assertEquals(Category.AUTH_FAILED, result.category(), result::toString);
        assertTrue(result.remediation().contains(wrong.keyFingerprint().toString()), result.remediation());
        assertTrue(result.remediation().contains("credwatch fingerprint"), result.remediation());
    }

    @ParameterizedTest
    @EnumSource(Venue.class)
    void aSkewedClockIsNamedWithItsOffset(Venue venue) throws Exception {
        FakeExchange fake = start(venue);
        clientClock = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-90));

        CheckResult result = run(venue, fake);

        assertEquals(Category.CLOCK_SKEW, result.category(), result::toString);
        // Alpaca checks no timestamp: the key still works, the skew is a warning.
        assertEquals(venue == Venue.ALPACA ? Status.WARN : Status.CRITICAL, result.status(), result::toString);
        assertTrue(result.summary().contains("behind the exchange"), result.summary());
        assertTrue(result.remediation().contains("chronyd"), result.remediation());
    }

    @ParameterizedTest
    @EnumSource(Venue.class)
    void anIpOffTheKeysListIsNamedWithTheIpToAdd(Venue venue) throws Exception {
        if (!venue.bindsIps && venue != Venue.CRYPTOCOM) {
            return;
        }
        FakeExchange fake = start(venue);
        fake.boundIps = Set.of("203.0.113.7");

        // Crypto.com (40101) and Binance (-2015) give one code for several causes: the allowlist decides.
        CheckResult result = run(venue, fake, List.of("203.0.113.7"));

        assertEquals(Status.CRITICAL, result.status(), result::toString);
        assertEquals(Category.IP_NOT_ALLOWLISTED, result.category(), result::toString);
        assertTrue(result.remediation().startsWith("add " + EGRESS + " to the IP allowlist of key "
                + venue.canary().keyFingerprint()), result.remediation());
        assertTrue(result.remediation().contains("exchanges[0].allowlist"), result.remediation());
    }

    @Test
    void anAmbiguousRefusalFromAnAllowlistedIpBlamesTheKey() throws Exception {
        FakeExchange fake = start(Venue.CRYPTOCOM);
        fake.refuse(Venue.CRYPTOCOM.privatePath, "40101");

        CheckResult result = run(Venue.CRYPTOCOM, fake, List.of("198.51.100.0/24"));

        assertEquals(Category.AUTH_FAILED, result.category(), result::toString);
        assertTrue(result.summary().contains("is on the allowlist, so the key pair is the likely cause"), result.summary());
    }

    @Test
    void anAmbiguousRefusalWithoutAnAllowlistNamesBothCausesAndHowToTellThemApart() throws Exception {
        FakeExchange fake = start(Venue.BINANCE);
        fake.boundIps = Set.of("203.0.113.7");

        CheckResult result = run(Venue.BINANCE, fake);

        assertEquals(Category.AUTH_FAILED, result.category(), result::toString);
        assertEquals("-2015", result.details().get("errorCode"));
        assertTrue(result.summary().contains("for a wrong key pair and for the egress IP " + EGRESS), result.summary());
        assertTrue(result.remediation().contains("add " + EGRESS + " to key"), result.remediation());
        assertTrue(result.remediation().contains("Set exchanges[0].allowlist"), result.remediation());
    }

    @ParameterizedTest
    @EnumSource(value = Venue.class, names = {"BYBIT", "KUCOIN"})
    void aKeyBoundToOtherIpsIsCaughtBeforeAnyRefusal(Venue venue) throws Exception {
        FakeExchange fake = start(venue);
        // The fake accepts the call (it came from 127.0.0.1), but the key's list lacks the egress IP.

        CheckResult result = run(venue, fake);

        assertEquals(Status.CRITICAL, result.status(), result::toString);
        assertEquals(Category.IP_NOT_ALLOWLISTED, result.category(), result::toString);
        assertTrue(result.summary().contains("does not include the egress IP " + EGRESS), result.summary());
        assertTrue(result.summary().contains("203.0.113.7"), result.summary());
    }

    @Test
    void anEgressIpOffTheConfiguredAllowlistIsCaughtBeforeAnyRefusal() throws Exception {
        FakeExchange fake = start(Venue.ALPACA);

        CheckResult result = run(Venue.ALPACA, fake, List.of("203.0.113.7"));

        assertEquals(Category.IP_NOT_ALLOWLISTED, result.category(), result::toString);
        assertTrue(result.summary().contains("not in exchanges[0].allowlist (203.0.113.7)"), result.summary());
    }

    @ParameterizedTest
    @EnumSource(Venue.class)
    void transientFailuresEndAsUnknownWithTheirCategory(Venue venue) throws Exception {
        for (var c : List.of(Map.entry(FakeExchange.Misbehaviour.ERROR_500, Category.UNAVAILABLE),
                Map.entry(FakeExchange.Misbehaviour.GARBAGE, Category.BAD_RESPONSE),
                Map.entry(FakeExchange.Misbehaviour.HANG, Category.TIMEOUT))) {
            FakeExchange fake = start(venue);
            // KuCoin falls back to its accounts call when the key call says nothing: both must fail.
            fake.privatePaths().forEach(path -> fake.misbehave(path, c.getKey()));
            Instant started = Instant.now();

            CheckResult result = run(venue, fake);

            assertEquals(Status.UNKNOWN, result.status(), c + " " + result);
            assertEquals(c.getValue(), result.category(), c + " " + result);
            assertTrue(Duration.between(started, Instant.now()).compareTo(Duration.ofSeconds(10)) < 0,
                    "bounded by the check's timeout");
        }
    }

    @ParameterizedTest
    @EnumSource(Venue.class)
    void rateLimitingIsUnknownNotAVerdictOnTheKey(Venue venue) throws Exception {
        FakeExchange fake = start(venue);
        fake.refuse(venue.privatePath, venue.rateLimitCode);

        CheckResult result = run(venue, fake);

        assertEquals(Status.UNKNOWN, result.status(), result::toString);
        assertEquals(Category.RATE_LIMITED, result.category(), result::toString);
    }

    @ParameterizedTest
    @EnumSource(Venue.class)
    void theLocalContextMakesOnlyThePublicCallAndNeverSigns(Venue venue) throws Exception {
        FakeExchange fake = start(venue);
        aws = false;

        CheckResult result = run(venue, fake);

        assertEquals(Status.OK, result.status(), result::toString);
        assertEquals(Category.SKIPPED_LOCAL, result.category());
        assertEquals(ExchangeCheck.LOCAL_SUMMARY, result.summary());
        assertEquals(List.of("GET " + fake.publicPath()), fake.log, "nothing private, no key sent");
        assertEquals(venue.canary().keyFingerprint().toString(), result.details().get("keyFingerprint"));
    }

    @Test
    void theLocalContextStillSaysWhenTheExchangeCannotBeReached() throws Exception {
        FakeExchange fake = start(Venue.BYBIT);
        fake.misbehave(fake.publicPath(), FakeExchange.Misbehaviour.ERROR_500);
        aws = false;

        CheckResult result = run(Venue.BYBIT, fake);

        assertEquals(Status.UNKNOWN, result.status(), result::toString);
        assertEquals(Category.UNAVAILABLE, result.category());
        assertTrue(fake.log.stream().allMatch(l -> l.equals("GET " + fake.publicPath())), fake.log::toString);
    }

    @Test
    void noOrderEndpointIsEverCalled() throws Exception {
        for (Venue venue : Venue.values()) {
            FakeExchange fake = start(venue);
            run(venue, fake);
            for (String line : fake.log) {
                String path = line.split(" ")[1];
                assertTrue(path.equals(fake.publicPath()) || fake.privatePaths().contains(path), line);
                assertFalse(path.contains("order") && !path.contains("get-open-orders"), line);
            }
        }
    }

    @Test
    void aKeyExpiringWithinTheWindowWarnsThenGoesCritical() throws Exception {
        FakeBybit fake = (FakeBybit) start(Venue.BYBIT);
        fake.keyInfo = fake.keyInfo.replace("\"Withdraw\"", "\"Spot\"").replace("198.51.100.4", EGRESS);

        fake.keyInfo = fake.keyInfo.replace("2030-01-02T03:04:05Z", Instant.now().plus(Duration.ofDays(10))
                .toString().substring(0, 19) + "Z");
        CheckResult warn = run(Venue.BYBIT, fake);
        assertEquals(Status.WARN, warn.status(), warn::toString);
        assertEquals(Category.KEY_EXPIRING, warn.category());
        assertTrue(warn.summary().contains("expires in 9d") || warn.summary().contains("expires in 10d"),
                warn.summary());

        fake.keyInfo = fake.keyInfo.replaceAll("\"expiredAt\":\"[^\"]+\"",
                "\"expiredAt\":\"" + Instant.now().plus(Duration.ofDays(2)).toString().substring(0, 19) + "Z\"");
        CheckResult critical = run(Venue.BYBIT, fake);
        assertEquals(Status.CRITICAL, critical.status(), critical::toString);
        assertEquals(Category.KEY_EXPIRING, critical.category());
    }

    @Test
    void anExpiredKeyIsExpired() throws Exception {
        FakeExchange fake = start(Venue.BYBIT);
        fake.refuse(Venue.BYBIT.privatePath, "33004");

        CheckResult result = run(Venue.BYBIT, fake);

        assertEquals(Status.CRITICAL, result.status());
        assertEquals(Category.EXPIRED, result.category(), result::toString);
    }

    @Test
    void withdrawalsOnAnUnboundKeyAreCriticalAndOnABoundKeyAWarning() throws Exception {
        FakeBinance fake = (FakeBinance) start(Venue.BINANCE);
        CheckResult bound = run(Venue.BINANCE, fake);
        assertEquals(Status.WARN, bound.status(), bound::toString);
        assertEquals(Category.PERMISSION_TOO_BROAD, bound.category());
        assertTrue(bound.remediation().startsWith("turn off Withdraw"), bound.remediation());

        fake.restrictions = fake.restrictions.replace("\"ipRestrict\":true", "\"ipRestrict\":false");
        CheckResult unbound = run(Venue.BINANCE, fake);
        assertEquals(Status.CRITICAL, unbound.status(), unbound::toString);
        assertEquals(Category.PERMISSION_TOO_BROAD, unbound.category());
        assertTrue(unbound.summary().contains("not bound to any IP"), unbound.summary());
    }

    @Test
    void aRequiredPermissionTheKeyLacksIsPermissionMissing() throws Exception {
        FakeBinance fake = (FakeBinance) start(Venue.BINANCE);
        fake.restrictions = fake.restrictions.replace("\"enableSpotAndMarginTrading\":true",
                "\"enableSpotAndMarginTrading\":false").replace("\"enableWithdrawals\":true", "\"enableWithdrawals\":false");

        CheckResult result = run(Venue.BINANCE, account(Venue.BINANCE, fake, List.of(), "", List.of("read", "trade")),
                List.of(given("env K+S", SourceAttempt.Outcome.FOUND, Venue.BINANCE.canary())));

        assertEquals(Status.CRITICAL, result.status(), result::toString);
        assertEquals(Category.PERMISSION_MISSING, result.category());
        assertTrue(result.summary().contains("lacks trade permission"), result.summary());
    }

    @Test
    void anUnexpectedKeyIsFingerprintMismatchEvenWhenItWorks() throws Exception {
        FakeExchange fake = start(Venue.ALPACA);
        ApiCredentials pair = Venue.ALPACA.canary();

        CheckResult other = run(Venue.ALPACA, account(Venue.ALPACA, fake, List.of(), "0123456789", List.of()),
                List.of(given("env K+S", SourceAttempt.Outcome.FOUND, pair)));
        assertEquals(Status.CRITICAL, other.status(), other::toString);
        assertEquals(Category.FINGERPRINT_MISMATCH, other.category());

        CheckResult same = run(Venue.ALPACA, account(Venue.ALPACA, fake, List.of(), pair.keyFingerprint().toString(),
                List.of()), List.of(given("env K+S", SourceAttempt.Outcome.FOUND, pair)));
        assertEquals(Status.OK, same.status(), same::toString);
        CheckResult prefix = run(Venue.ALPACA, account(Venue.ALPACA, fake, List.of(),
                pair.keyFingerprint().sha256Prefix().substring(0, 7), List.of()),
                List.of(given("env K+S", SourceAttempt.Outcome.FOUND, pair)));
        assertEquals(Status.OK, prefix.status(), prefix::toString);
    }

    @Test
    void halfAPairIsNamedAndNothingIsSent() throws Exception {
        FakeExchange fake = start(Venue.KUCOIN);

        CheckResult result = run(Venue.KUCOIN, account(Venue.KUCOIN, fake, List.of(), "", List.of()), List.of(
                given("env K+S+P", SourceAttempt.Outcome.INCOMPLETE, null),
                given("systemdCredential kucoin", SourceAttempt.Outcome.EMPTY, null)));

        assertEquals(Status.CRITICAL, result.status());
        assertEquals(Category.NO_CREDENTIALS, result.category());
        assertEquals("half a key pair in env K+S+P: K is set but S is unset", result.summary());
        assertEquals(2, ((List<?>) result.details().get("sourcesTried")).size());
        assertTrue(fake.log.isEmpty(), fake.log::toString);
    }

    @Test
    void theFirstCompleteSourceWinsAndEarlierEmptyOnesAreListed() throws Exception {
        FakeExchange fake = start(Venue.ALPACA);

        CheckResult result = run(Venue.ALPACA, account(Venue.ALPACA, fake, List.of(), "", List.of()), List.of(
                given("env A+B", SourceAttempt.Outcome.EMPTY, null),
                given("systemdCredential alpaca", SourceAttempt.Outcome.FOUND, Venue.ALPACA.canary())));

        assertEquals(Status.OK, result.status(), result::toString);
        assertEquals("systemdCredential alpaca", result.details().get("source"));
        assertEquals(List.of(Map.of("source", "env A+B", "outcome", "EMPTY", "reason", "K and S are unset"),
                Map.of("source", "systemdCredential alpaca", "outcome", "FOUND")), result.details().get("sourcesTried"));
    }

    @Test
    void noKeyAnywhereListsEverySourceTried() throws Exception {
        FakeExchange fake = start(Venue.BYBIT);

        CheckResult result = run(Venue.BYBIT, account(Venue.BYBIT, fake, List.of(), "", List.of()), List.of(
                given("env A+B", SourceAttempt.Outcome.EMPTY, null),
                given("secretsManager mm-bot/prod/bybit", SourceAttempt.Outcome.FAILED, null)));

        assertEquals(Category.NO_CREDENTIALS, result.category());
        assertTrue(result.summary().contains("secretsManager mm-bot/prod/bybit: cannot read it"), result.summary());
    }

    @Test
    void anUnknownEgressIpIsSaidAndTheRemediationStillNamesTheKey() throws Exception {
        FakeExchange fake = start(Venue.BYBIT);
        fake.refuse(Venue.BYBIT.privatePath, "10010");
        egress = Optional.empty();

        CheckResult result = run(Venue.BYBIT, fake);

        assertEquals(Category.IP_NOT_ALLOWLISTED, result.category());
        assertEquals("unknown", result.details().get("egressIp"));
        assertTrue(result.remediation().contains("this host's egress IP (see GET /egress)"), result.remediation());
    }

    @ParameterizedTest
    @EnumSource(value = Venue.class, names = {"CRYPTOCOM", "BYBIT", "KUCOIN", "ALPACA"})
    void theExchangesOwnPermissionRefusalIsPermissionMissing(Venue venue) throws Exception {
        FakeExchange fake = start(venue);
        String code = switch (venue) {
            case CRYPTOCOM -> "40104";
            case BYBIT -> "10005";
            case KUCOIN -> "400007";
            default -> "403";
        };
        fake.privatePaths().forEach(path -> fake.refuse(path, code));

        CheckResult result = run(venue, fake);

        assertEquals(Status.CRITICAL, result.status(), result::toString);
        assertEquals(Category.PERMISSION_MISSING, result.category(), result::toString);
        assertTrue(result.remediation().contains("never Withdraw"), result.remediation());
    }

    @ParameterizedTest
    @EnumSource(value = Venue.class, names = {"BYBIT", "KUCOIN"})
    void withdrawalsOnAnIpBoundKeyAreAWarningWhateverTheExchangeCallsThem(Venue venue) throws Exception {
        FakeExchange fake = start(venue);
        if (fake instanceof FakeBybit bybit) {
            bybit.keyInfo = bybit.keyInfo.replace("198.51.100.4", EGRESS);
        } else if (fake instanceof FakeKucoin kucoin) {
            kucoin.keyInfo = kucoin.keyInfo.replace("198.51.100.4", EGRESS).replace("General,Spot,Transfer",
                    "General,Spot,Withdraw");
        }

        CheckResult result = run(venue, fake);

        assertEquals(Status.WARN, result.status(), result::toString);
        assertEquals(Category.PERMISSION_TOO_BROAD, result.category(), result::toString);
    }

    @Test
    void binancesTradingAuthorityExpiryIsAKeyExpiry() throws Exception {
        FakeBinance fake = (FakeBinance) start(Venue.BINANCE);
        fake.restrictions = fake.restrictions.replace("\"enableWithdrawals\":true", "\"enableWithdrawals\":false")
                .replace("1893456000000", Long.toString(Instant.now().minus(Duration.ofHours(1)).toEpochMilli()));

        CheckResult result = run(Venue.BINANCE, fake);

        assertEquals(Status.CRITICAL, result.status(), result::toString);
        assertEquals(Category.EXPIRED, result.category(), result::toString);
    }

    @Test
    void lesserFindingsBehindTheWorstAreListed() throws Exception {
        // Bound to other IPs and allowed to withdraw: the IP heads the result, the withdrawal is listed.
        FakeExchange fake = start(Venue.BYBIT);

        CheckResult result = run(Venue.BYBIT, fake);

        assertEquals(Category.IP_NOT_ALLOWLISTED, result.category(), result::toString);
        assertEquals(List.of("WARN PERMISSION_TOO_BROAD: key " + Venue.BYBIT.canary().keyFingerprint()
                + " may withdraw funds: a leak of this host's keys empties the account"), result.details().get("alsoFound"));
    }

    @Test
    void aSecretOfAnotherEnvironmentIsEnvironmentMixedEvenWhenTheKeyWorks() throws Exception {
        FakeExchange fake = start(Venue.ALPACA);
        ExchangeAccountConfig base = account(Venue.ALPACA, fake, List.of(), "", List.of());
        ExchangeAccountConfig dev = base.withCredentials(new CredentialSources(List.of(), null, null,
                "mm-bot/dev/alpaca"));

        CheckResult result = run(Venue.ALPACA, dev, List.of(given("secretsManager mm-bot/dev/alpaca",
                SourceAttempt.Outcome.FOUND, Venue.ALPACA.canary())));

        assertEquals(Status.CRITICAL, result.status(), result::toString);
        assertEquals(Category.ENVIRONMENT_MIXED, result.category());
        assertEquals("mm-bot/dev/alpaca is a dev secret, configured on a prod host "
                + "(exchanges[0].credentials.secretsManager)", result.summary());
        assertEquals("a prod host must use only prod secrets: use mm-bot/prod/alpaca instead, or correct "
                + "agent.environment if this host really is dev", result.remediation());
    }
}
