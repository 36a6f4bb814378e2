package io.credwatch.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.aws.FakeAws;
import io.credwatch.aws.FakeSecretsManager.Secret;
import io.credwatch.check.Category;
import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckResult;
import io.credwatch.check.CredentialKind;
import io.credwatch.check.Expiry;
import io.credwatch.check.Status;
import io.credwatch.config.CredentialSources;
import io.credwatch.config.Environment;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.config.ExchangeType;
import io.credwatch.config.SecretsRotationCheckConfig;
import io.credwatch.http.JsonMapper;
import io.credwatch.testing.Fault;
import io.credwatch.testing.FaultyServer;
import io.credwatch.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The check end to end with the SDK's own Secrets Manager client and default credential
 * chain, against {@link FakeAws} on loopback reached through {@code aws.endpointUrl}, as an
 * application reaches an endpoint through {@code AWS_ENDPOINT_URL}.
 */
class SecretsRotationCheckTest {

    static final String KEY_ID = "AKIAEXAMPLEROTATION1";
    static final String KEY_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY0";
    /** Stored as every secret's value: it must never reach a result. */
    static final String CANARY = "cAnArY0vAlUe0Xq9LmT4wZ2pR7sK1dH8fJ3nB6yV5";
    static final List<String> PROPERTIES = List.of("aws.endpointUrl", "aws.accessKeyId", "aws.secretAccessKey",
            "aws.region");
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final String PROD_KEY = "mm-bot/prod/cryptocom/api_key";

    FakeAws aws;
    final List<SecretsManagerClient> clients = new ArrayList<>();
    final MutableClock clock = new MutableClock(NOW);

    @BeforeEach
    void start() {
        aws = new FakeAws().key(KEY_ID, KEY_SECRET);
        System.setProperty("aws.endpointUrl", aws.uri("").toString());
        System.setProperty("aws.accessKeyId", KEY_ID);
        System.setProperty("aws.secretAccessKey", KEY_SECRET);
        System.setProperty("aws.region", "us-east-1");
    }

    @AfterEach
    void stop() {
        clients.forEach(SecretsManagerClient::close);
        PROPERTIES.forEach(System::clearProperty);
        aws.close();
    }

    static Instant daysAgo(long days) {
        return NOW.minus(Duration.ofDays(days));
    }

    static SecretsRotationCheckConfig config(List<String> names, String prefix, Map<Environment, Duration> maxAge) {
        return new SecretsRotationCheckConfig(null, null, null, names, prefix, maxAge);
    }

    static SecretsRotationCheckConfig names(String... names) {
        return config(List.of(names), null, null);
    }

    static SecretsRotationCheckConfig prefix(String prefix) {
        return config(null, prefix, null);
    }

    /** Built on first use, as the agent builds it: the endpoint and keys come from the system properties. */
    SecretsManagerClient client() {
        SecretsManagerClient c = SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        clients.add(c);
        return c;
    }

    CheckResult run(SecretsRotationCheckConfig config, Environment host, Clock clock, Duration budget)
            throws Exception {
        return run(config, host, clock, budget, List.of());
    }

    /** @param accounts exchange accounts, whose secrets' names the check judges too */
    CheckResult run(SecretsRotationCheckConfig config, Environment host, Clock clock, Duration budget,
                    List<ExchangeAccountConfig> accounts) throws Exception {
        SecretsRotationCheck check = new SecretsRotationCheck(config, host, this::client, accounts);
        CheckResult result = check.run(new CheckContext(clock, clock.instant().plus(budget), false));
        String json = JsonMapper.create().writeValueAsString(result);
        assertFalse(json.contains(CANARY.substring(8, 28)), json);
        assertEquals(List.of(), aws.secretsManager.subjects("GetSecretValue"), "a rotation check reads no value");
        return result;
    }

    CheckResult run(SecretsRotationCheckConfig config, Environment host) throws Exception {
        return run(config, host, clock, Duration.ofSeconds(30));
    }

    CheckResult run(SecretsRotationCheckConfig config) throws Exception {
        return run(config, Environment.PROD);
    }

    void put(String name, long rotatedDaysAgo) {
        aws.secretsManager.put(Secret.of(name, CANARY, daysAgo(400)).rotated(daysAgo(rotatedDaysAgo))
                .accessed(daysAgo(1)));
    }

    static void assertVerdict(Status status, Category category, CheckResult result) {
        assertEquals(status + " " + category, result.status() + " " + result.category(), result.summary());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(CheckResult result) {
        return (List<Map<String, Object>>) result.details().get("secrets");
    }

    static Map<String, Object> row(CheckResult result, String name) {
        return rows(result).stream().filter(r -> r.get("name").equals(name)).findFirst().orElseThrow();
    }

    @Nested
    class Age {

        @Test
        void aSecretRotatedWithinTheMaximumIsOkWithItsAgeInTheDetails() throws Exception {
            put(PROD_KEY, 10);

            CheckResult result = run(names(PROD_KEY));

            assertVerdict(Status.OK, Category.NONE, result);
            assertEquals("1 secret rotated within the 30-day maximum for prod", result.summary());
            Map<String, Object> row = row(result, PROD_KEY);
            assertEquals(10L, row.get("ageDays"));
            assertEquals("lastRotated", row.get("ageFrom"));
            assertEquals(30L, row.get("maxAgeDays"));
            assertEquals(false, row.get("rotationEnabled"));
            assertEquals(daysAgo(1).toString(), row.get("lastAccessed"));
            assertEquals("prod", result.details().get("environment"));
            assertEquals(List.of(PROD_KEY), aws.secretsManager.subjects("DescribeSecret"));
        }

        @Test
        void pastTheMaximumIsWarnRotationOverdue() throws Exception {
            put(PROD_KEY, 45);

            CheckResult result = run(names(PROD_KEY));

            assertVerdict(Status.WARN, Category.ROTATION_OVERDUE, result);
            assertEquals(PROD_KEY + " was last rotated 45 days ago, past the 30-day maximum for prod", result.summary());
            assertTrue(result.remediation().contains("put-secret-value --secret-id " + PROD_KEY), result.remediation());
        }

        @Test
        void pastTwiceTheMaximumIsCritical() throws Exception {
            put(PROD_KEY, 61);

            CheckResult result = run(names(PROD_KEY));

            assertVerdict(Status.CRITICAL, Category.ROTATION_OVERDUE, result);
            assertTrue(result.summary().endsWith("(more than twice it)"), result.summary());
        }

        @Test
        void aSecretNeverRotatedIsAgedFromItsLastChange() throws Exception {
            aws.secretsManager.put(Secret.of(PROD_KEY, CANARY, daysAgo(40)));

            CheckResult result = run(names(PROD_KEY));

            assertEquals(Status.WARN, result.status());
            assertEquals("lastChanged", row(result, PROD_KEY).get("ageFrom"));
            assertEquals(40L, row(result, PROD_KEY).get("ageDays"));
        }

        @ParameterizedTest
        @CsvSource({"DEV, 180", "SHADOW, 90", "SOAK, 90", "PROD, 30"})
        void eachEnvironmentHasItsDefaultMaximum(Environment host, long maxDays) throws Exception {
            String atMax = "mm-bot/" + host.label() + "/bybit/api_key";
            String pastMax = "mm-bot/" + host.label() + "/bybit/api_secret";
            put(atMax, maxDays);
            put(pastMax, maxDays + 1);

            CheckResult result = run(names(atMax, pastMax), host);

            assertEquals(Status.WARN, result.status(), result.summary());
            assertEquals(pastMax + " was last rotated " + (maxDays + 1) + " days ago, past the " + maxDays
                    + "-day maximum for " + host.label(), result.summary());
            assertEquals(maxDays, result.details().get("maxAgeDays"));
            assertFalse(result.details().containsKey("alsoFound"), result.details().toString());
        }

        @Test
        void aConfiguredMaximumReplacesTheDefault() throws Exception {
            put(PROD_KEY, 15);

            CheckResult result = run(config(List.of(PROD_KEY), null, Map.of(Environment.PROD, Duration.ofDays(14))));

            assertEquals(Status.WARN, result.status());
            assertEquals(14L, row(result, PROD_KEY).get("maxAgeDays"));
        }
    }

    @Nested
    class RotationAndUse {

        @Test
        void enabledRotationAndItsNextDateAreInTheDetails() throws Exception {
            Instant next = NOW.plus(Duration.ofDays(20));
            aws.secretsManager.put(Secret.of(PROD_KEY, CANARY, daysAgo(100)).rotated(daysAgo(10)).accessed(daysAgo(1))
                    .rotating(next));

            CheckResult result = run(names(PROD_KEY));

            assertEquals(Status.OK, result.status());
            assertEquals(true, row(result, PROD_KEY).get("rotationEnabled"));
            assertEquals(next.toString(), row(result, PROD_KEY).get("nextRotation"));
        }

        @Test
        void eachSecretsRotationDueDateIsATypedExpiryKeptPastItsMoment() throws Exception {
            put(PROD_KEY, 10);
            aws.secretsManager.put(Secret.of(PROD_KEY + "-2", CANARY, daysAgo(100)).rotated(daysAgo(35))
                    .accessed(daysAgo(1)).rotating(daysAgo(5)));

            CheckResult result = run(names(PROD_KEY, PROD_KEY + "-2"));

            assertEquals(List.of(
                    new Expiry(CredentialKind.SECRET, PROD_KEY, daysAgo(10).plus(Duration.ofDays(30)), false),
                    new Expiry(CredentialKind.SECRET, PROD_KEY + "-2", daysAgo(35).plus(Duration.ofDays(30)), true)),
                    result.expiries());
        }

        @Test
        void overdueWithRotationEnabledPointsAtTheRotationFunction() throws Exception {
            aws.secretsManager.put(Secret.of(PROD_KEY, CANARY, daysAgo(100)).rotated(daysAgo(35))
                    .rotating(daysAgo(5)));

            CheckResult result = run(names(PROD_KEY));

            assertEquals(Status.WARN, result.status());
            assertTrue(result.remediation().startsWith("rotation is enabled but has not happened"), result.remediation());
        }

        @Test
        void aSecretUnreadForLongIsOnlyNotedAsACandidateForDeletion() throws Exception {
            aws.secretsManager.put(Secret.of(PROD_KEY, CANARY, daysAgo(300)).rotated(daysAgo(5)).accessed(daysAgo(120)));
            String neverRead = "mm-bot/prod/kucoin/api_key";
            aws.secretsManager.put(Secret.of(neverRead, CANARY, daysAgo(200)).rotated(daysAgo(5)));
            String newOne = "mm-bot/prod/alpaca/api_key";
            aws.secretsManager.put(Secret.of(newOne, CANARY, daysAgo(3)));

            CheckResult result = run(names(PROD_KEY, neverRead, newOne));

            assertEquals(Status.OK, result.status(), result.summary());
            assertEquals("unused for 120 days: a candidate for deletion", row(result, PROD_KEY).get("unused"));
            assertEquals("unused for 200 days (never read since it was created): a candidate for deletion",
                    row(result, neverRead).get("unused"));
            assertEquals("never", row(result, newOne).get("lastAccessed"));
            assertFalse(row(result, newOne).containsKey("unused"));
            assertEquals(List.of(PROD_KEY + ": unused for 120 days: a candidate for deletion",
                    neverRead + ": unused for 200 days (never read since it was created): a candidate for deletion"),
                    result.details().get("unused"));
            assertTrue(result.summary().endsWith("; 2 unused"), result.summary());
        }
    }

    @Nested
    class Prefix {

        @Test
        void everySecretUnderThePrefixIsReviewedAcrossPages() throws Exception {
            aws.secretsManager.pageSize = 2;
            for (String exchange : List.of("binance", "bybit", "cryptocom", "kucoin", "alpaca")) {
                put("mm-bot/prod/" + exchange + "/api_key", 5);
            }
            put("other-bot/prod/binance/api_key", 5);
            put("mm-bot/prod/cryptocom/api_key", 50);

            CheckResult result = run(prefix("mm-bot/prod/"));

            assertEquals(5, rows(result).size(), rows(result).toString());
            assertEquals(List.of("mm-bot/prod/", "mm-bot/prod/", "mm-bot/prod/"),
                    aws.secretsManager.subjects("ListSecrets"));
            assertEquals(List.of(), aws.secretsManager.subjects("DescribeSecret"), "list entries carry the dates");
            assertVerdict(Status.WARN, Category.ROTATION_OVERDUE, result);
            assertTrue(result.summary().startsWith("mm-bot/prod/cryptocom/api_key was last rotated 50 days ago"),
                    result.summary());
        }

        @Test
        void aSecretNamedAndUnderThePrefixIsReviewedOnce() throws Exception {
            put(PROD_KEY, 5);
            put("mm-bot/prod/bybit/api_key", 5);

            CheckResult result = run(config(List.of(PROD_KEY), "mm-bot/prod/", null));

            assertEquals(Status.OK, result.status());
            assertEquals(2, rows(result).size());
        }

        @Test
        void aPrefixWithNothingUnderItIsWarned() throws Exception {
            put(PROD_KEY, 5);

            CheckResult result = run(prefix("mm-bot/prod/binanse/"));

            assertVerdict(Status.WARN, Category.NO_CREDENTIALS, result);
            assertEquals("no secret under the prefix mm-bot/prod/binanse/", result.summary());
        }
    }

    @Nested
    class Failures {

        @Test
        void aMissingSecretIsCriticalAndTheOthersAreStillReviewed() throws Exception {
            put(PROD_KEY, 45);
            String missing = "mm-bot/prod/bybit/api_key";

            CheckResult result = run(names(missing, PROD_KEY));

            assertVerdict(Status.CRITICAL, Category.NO_CREDENTIALS, result);
            assertEquals("the secret " + missing + " does not exist in Secrets Manager (ResourceNotFoundException)",
                    result.summary());
            assertEquals(List.of(missing), result.details().get("missing"));
            assertEquals(List.of("WARN ROTATION_OVERDUE: " + PROD_KEY
                    + " was last rotated 45 days ago, past the 30-day maximum for prod"), result.details().get("alsoFound"));
        }

        @Test
        void aSecretScheduledForDeletionIsCriticalThoughItStillDescribes() throws Exception {
            put(PROD_KEY, 5);
            aws.secretsManager.scheduledForDeletion.put(PROD_KEY, daysAgo(2));

            CheckResult result = run(names(PROD_KEY));

            assertVerdict(Status.CRITICAL, Category.NO_CREDENTIALS, result);
            assertEquals(PROD_KEY + " is scheduled for deletion (since " + daysAgo(2) + "): reads of it fail",
                    result.summary());
            assertTrue(result.remediation().startsWith("restore it if it is still used: aws secretsmanager "
                    + "restore-secret --secret-id " + PROD_KEY), result.remediation());
        }

        @Test
        void describeDeniedNamesTheActionAndTheSecret() throws Exception {
            put(PROD_KEY, 5);
            aws.secretsManager.denied.add(PROD_KEY);

            CheckResult result = run(names(PROD_KEY));

            assertVerdict(Status.CRITICAL, Category.ACCESS_DENIED, result);
            assertTrue(result.summary().contains("secretsmanager:DescribeSecret on the secret " + PROD_KEY),
                    result.summary());
            assertEquals("grant secretsmanager:DescribeSecret on arn:aws:secretsmanager:<region>:<account>:secret:"
                    + PROD_KEY + "-?????? to this host's IAM role (instance profile)", result.remediation());
        }

        @Test
        void listDeniedNamesTheActionOnEveryResource() throws Exception {
            put(PROD_KEY, 5);
            aws.secretsManager.denied.add("mm-bot/prod/*");

            CheckResult result = run(prefix("mm-bot/prod/"));

            assertVerdict(Status.CRITICAL, Category.ACCESS_DENIED, result);
            assertTrue(result.summary().contains("secretsmanager:ListSecrets on the prefix mm-bot/prod/"),
                    result.summary());
            assertEquals("grant secretsmanager:ListSecrets on * to this host's IAM role (instance profile)",
                    result.remediation());
        }

        @Test
        void refusedCredentialsAreNamedByTheirErrorCode() throws Exception {
            put(PROD_KEY, 5);
            System.setProperty("aws.secretAccessKey", "wrong" + KEY_SECRET.substring(5));

            CheckResult result = run(names(PROD_KEY));

            assertVerdict(Status.CRITICAL, Category.INVALID_CREDENTIALS, result);
            assertTrue(result.summary().contains("SignatureDoesNotMatch"), result.summary());
        }

        @Test
        void aServerThatNeverAnswersEndsWithinTheTimeoutAsUnknownTimeout() throws Exception {
            try (FaultyServer hung = new FaultyServer(Fault.HANG)) {
                System.setProperty("aws.endpointUrl", hung.uri().toString());
                String second = "mm-bot/prod/bybit/api_key";

                long started = System.nanoTime();
                CheckResult result = run(config(List.of(PROD_KEY, second), "mm-bot/prod/", null), Environment.PROD,
                        Clock.systemUTC(), Duration.ofSeconds(2));
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, took.toString());
                assertVerdict(Status.UNKNOWN, Category.TIMEOUT, result);
                assertEquals(List.of(second, "mm-bot/prod/*"), result.details().get("notAsked"));
            }
        }
    }

    @Nested
    class EnvironmentSeparation {

        @Test
        void anotherEnvironmentsPrefixIsCriticalBeforeAnyCall() throws Exception {
            put("mm-bot/dev/cryptocom/api_key", 5);

            CheckResult result = run(prefix("mm-bot/dev/"));

            assertVerdict(Status.CRITICAL, Category.ENVIRONMENT_MIXED, result);
            assertEquals("mm-bot/dev/ is a dev secret, configured on a prod host (checks.secrets-rotation.prefix)",
                    result.summary());
            assertTrue(result.remediation().contains("use mm-bot/prod/ instead"), result.remediation());
            assertEquals(List.of(), aws.secretsManager.calls);
            assertEquals(List.of(), aws.services);
        }

        @Test
        void anotherEnvironmentsNameIsNeverDescribedWhileTheHostsOwnAre() throws Exception {
            put(PROD_KEY, 5);
            String shadow = "mm-bot/shadow/cryptocom/api_key";
            put(shadow, 5);

            CheckResult result = run(names(shadow, PROD_KEY));

            assertVerdict(Status.CRITICAL, Category.ENVIRONMENT_MIXED, result);
            assertTrue(result.summary().startsWith(shadow + " is a shadow secret, configured on a prod host"),
                    result.summary());
            assertEquals(List.of(PROD_KEY), aws.secretsManager.subjects("DescribeSecret"));
        }

        @Test
        void aPrefixSpanningEnvironmentsFlagsEachForeignSecret() throws Exception {
            put("mm-bot/soak/binance/api_key", 5);
            put("mm-bot/prod/binance/api_key", 5);

            CheckResult result = run(prefix("mm-bot/"), Environment.PROD);

            assertVerdict(Status.CRITICAL, Category.ENVIRONMENT_MIXED, result);
            assertTrue(result.summary().startsWith("mm-bot/soak/binance/api_key is a soak secret"), result.summary());
            assertEquals(1, rows(result).size());
        }
    }

    /**
     * The exchange accounts' {@code credentials.secretsManager}: judged by name like the rest,
     * never read (issue 21), so one key under two environments is not looked for.
     */
    @Nested
    class ExchangeAccountsSecrets {

        ExchangeAccountConfig account(String id, String secret) {
            return account(id, secret, true);
        }

        ExchangeAccountConfig account(String id, String secret, boolean enabled) {
            return new ExchangeAccountConfig(id, ExchangeType.CRYPTOCOM, null, enabled, null, null, null,
                    new CredentialSources(null, null, null, secret), null, null, null, null);
        }

        void putPair(String name) {
            aws.secretsManager.put(Secret.of(name, "{\"api_key\":\"" + CANARY + "\",\"api_secret\":\"" + CANARY
                    + "\"}", daysAgo(10)).rotated(daysAgo(5)));
        }

        CheckResult run(SecretsRotationCheckConfig config, ExchangeAccountConfig... accounts) throws Exception {
            return SecretsRotationCheckTest.this.run(config, Environment.PROD, clock, Duration.ofSeconds(30),
                    List.of(accounts));
        }

        @Test
        void oneOfAnotherEnvironmentIsEnvironmentMixedNamingWhereItIsConfigured() throws Exception {
            putPair("mm-bot/prod/cryptocom");
            putPair("mm-bot/dev/cryptocom");

            CheckResult result = run(names("mm-bot/prod/cryptocom"), account("cdc-main", "mm-bot/prod/cryptocom"),
                    account("cdc-dev", "mm-bot/dev/cryptocom"));

            assertVerdict(Status.CRITICAL, Category.ENVIRONMENT_MIXED, result);
            assertEquals("mm-bot/dev/cryptocom is a dev secret, configured on a prod host "
                    + "(exchanges[1].credentials.secretsManager)", result.summary());
            assertEquals("a prod host must use only prod secrets: use mm-bot/prod/cryptocom instead, or correct "
                    + "agent.environment if this host really is dev", result.remediation());
            assertEquals(List.of("mm-bot/prod/cryptocom"), aws.secretsManager.subjects("DescribeSecret"));
        }

        @Test
        void withNothingElseConfiguredTheyAloneSpeak() throws Exception {
            CheckResult result = run(config(null, null, null), account("a", "mm-bot/prod/cryptocom"),
                    account("b", "mm-bot/soak/cryptocom"));

            assertVerdict(Status.CRITICAL, Category.ENVIRONMENT_MIXED, result);
            assertTrue(result.summary().startsWith("mm-bot/soak/cryptocom is a soak secret"), result.summary());
            assertEquals(List.of(), aws.secretsManager.calls);
        }

        @Test
        void theHostsOwnAreNoFinding() throws Exception {
            putPair("mm-bot/prod/cryptocom");

            CheckResult result = run(names("mm-bot/prod/cryptocom"), account("a", "mm-bot/prod/cryptocom"),
                    account("b", "mm-bot/prod/cryptocom-hedge"));

            assertVerdict(Status.OK, Category.NONE, result);
        }

        @Test
        void aDisabledAccountIsNotJudged() throws Exception {
            putPair("mm-bot/prod/cryptocom");

            CheckResult result = run(names("mm-bot/prod/cryptocom"), account("a", "mm-bot/dev/cryptocom", false));

            assertVerdict(Status.OK, Category.NONE, result);
        }

        @Test
        void theCheckIsWantedOnlyWhenOneIsOfAnotherEnvironment() {
            SecretsRotationCheckConfig nothing = config(null, null, null);

            assertTrue(SecretsRotationCheck.watches(nothing, Environment.PROD,
                    List.of(account("a", "mm-bot/prod/x"), account("b", "mm-bot/dev/x"))));
            assertFalse(SecretsRotationCheck.watches(nothing, Environment.PROD,
                    List.of(account("a", "mm-bot/prod/x"), account("b", "mm-bot/dev/x", false))));
            assertFalse(SecretsRotationCheck.watches(nothing, Environment.DEV, List.of(account("b", "mm-bot/dev/x"))));
        }
    }

    @Test
    void noSecretValueReachesAnyResult() throws Exception {
        // run() asserts on every result; this one gathers every path that names a secret at once.
        put(PROD_KEY, 90);
        put("mm-bot/prod/bybit/api_key", 5);
        aws.secretsManager.denied.add("mm-bot/prod/bybit/api_key");

        CheckResult result = run(config(List.of(PROD_KEY, "mm-bot/prod/bybit/api_key", "mm-bot/prod/gone"),
                "mm-bot/prod/", null));

        assertEquals(Status.CRITICAL, result.status());
        assertFalse(result.toString().contains(CANARY.substring(8, 28)), result.toString());
    }
}
