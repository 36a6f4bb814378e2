package io.credwatch.aws;

import io.credwatch.awsclient.AwsClients;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.Category;
import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckReport;
import io.credwatch.check.Jitter;
import io.credwatch.check.CheckResult;
import io.credwatch.check.Status;
import io.credwatch.config.AwsCredentialsCheckConfig;
import io.credwatch.http.JsonMapper;
import io.credwatch.net.LazyHttpClient;
import io.credwatch.testing.CheckCore;
import io.credwatch.testing.Fault;
import io.credwatch.testing.FaultyServer;
import io.credwatch.testing.TestPools;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkGlobalTime;

/**
 * The check end to end with the SDK's real providers and clients, against STS, IAM, EC2,
 * Secrets Manager and IMDS fakes on loopback, reached through the SDK's own settings
 * ({@code aws.endpointUrl}, {@code aws.ec2MetadataServiceEndpoint}): the same lookups an
 * application makes through {@code AWS_ENDPOINT_URL} and {@code AWS_EC2_METADATA_SERVICE_ENDPOINT}.
 */
class AwsCredentialsCheckTest {

    static final String LONG_TERM_KEY = "AKIAEXAMPLELONGTERM1";
    static final String TEMP_KEY = "ASIAEXAMPLETEMPORARY";
    /** Canaries: neither may appear in any result. */
    static final String SECRET = "cAnArY0SeCrEt0wJalrXUtnFEMI0K7MDENG0bPxRfiCY";
    static final String TOKEN = "cAnArY0SeSsIoN0ToKeN0IQoJb3JpZ2luX2VjEJr0000";

    static final List<String> PROPERTIES = List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken",
            "aws.endpointUrl", "aws.ec2MetadataServiceEndpoint", "aws.disableEc2Metadata", "aws.profile",
            "aws.sharedCredentialsFile", "aws.configFile");

    @TempDir
    Path dir;
    FakeAws aws;
    AwsClients clients;
    final Clock clock = Clock.systemUTC();

    @BeforeEach
    void start() {
        aws = new FakeAws().key(LONG_TERM_KEY, SECRET).key(TEMP_KEY, SECRET);
        System.setProperty("aws.endpointUrl", aws.uri("").toString());
        clients = new AwsClients(Duration.ofSeconds(5), TestPools.TIMER);
    }

    @AfterEach
    void stop() {
        // The SDK corrects a skewed clock JVM-wide once it has seen one; start each test level.
        SdkGlobalTime.setGlobalTimeOffset(0);
        PROPERTIES.forEach(System::clearProperty);
        clients.close();
        aws.close();
    }

    static void useSystemProperties(String keyId, String secret, String token) {
        System.setProperty("aws.accessKeyId", keyId);
        System.setProperty("aws.secretAccessKey", secret);
        if (token != null) {
            System.setProperty("aws.sessionToken", token);
        }
    }

    AwsCredentialsCheck check(AwsCredentialsCheckConfig config, CredentialChain chain,
                              Optional<InstanceMetadataPosture> instance) {
        return new AwsCredentialsCheck(config, chain, new CallerIdentityProbe(clients, clock),
                new ServiceProbes(clients, clock), new AccessKeyAge(clients, clock), new KeyQuarantine(clients, clock),
                instance);
    }

    AwsCredentialsCheck check() {
        return check(config(), CredentialChain.standard(name -> null), Optional.empty());
    }

    static AwsCredentialsCheckConfig config() {
        return new AwsCredentialsCheckConfig(null, null, null, null, null, null, null);
    }

    static CheckResult run(AwsCredentialsCheck check, Clock clock) throws Exception {
        CheckResult result = check.run(new CheckContext(clock, clock.instant().plusSeconds(30), false));
        String json = JsonMapper.create().writeValueAsString(result);
        assertFalse(json.contains(SECRET) || json.contains(SECRET.substring(10, 30)), json);
        assertFalse(json.contains(TOKEN), json);
        return result;
    }

    CheckResult run(AwsCredentialsCheck check) throws Exception {
        return run(check, clock);
    }

    /** A chain whose environment link holds these credentials, as if exported into an env file. */
    static CredentialChain environmentChain(AwsSessionCredentials credentials, String declaredExpiry) {
        Map<CredentialLink, Supplier<AwsCredentialsProvider>> links = new LinkedHashMap<>();
        links.put(CredentialLink.ENVIRONMENT, () -> StaticCredentialsProvider.create(credentials));
        return CredentialChain.of(links, name -> name.equals(CredentialChain.EXPIRATION_VARIABLE) ? declaredExpiry : null);
    }

    @Nested
    class LongTermKeys {

        @Test
        void aCurrentKeyIsOkWithItsSourceAccountAndAge() throws Exception {
            useSystemProperties(LONG_TERM_KEY, SECRET, null);
            aws.keyCreated.put(LONG_TERM_KEY, Instant.now().minus(Duration.ofDays(10)));

            CheckResult result = run(check());

            assertEquals(Status.OK, result.status(), result.summary());
            assertEquals("system-properties", result.details().get("source"));
            assertEquals("LONG_TERM", result.details().get("keyType"));
            assertEquals("AKIA…ERM1", result.details().get("accessKeyId"));
            assertEquals("123456789012", result.details().get("account"));
            assertEquals(10L, result.details().get("keyAgeDays"));
            assertEquals(Map.of("secretsmanager", "OK", "ec2", "OK"), result.details().get("services"));
            assertTrue(aws.services.containsAll(List.of("sts", "iam", "secretsmanager", "ec2")), aws.services.toString());
        }

        @Test
        void aKeyPastTheMaximumAgeIsRotationOverdue() throws Exception {
            useSystemProperties(LONG_TERM_KEY, SECRET, null);
            aws.keyCreated.put(LONG_TERM_KEY, Instant.now().minus(Duration.ofDays(200)));

            CheckResult result = run(check());

            assertEquals(Status.WARN, result.status());
            assertEquals(Category.ROTATION_OVERDUE, result.category());
            assertTrue(result.summary().contains("200 days old, past the 90-day maximum"), result.summary());
        }

        @Test
        void theMaximumAgeIsConfigurable() throws Exception {
            useSystemProperties(LONG_TERM_KEY, SECRET, null);
            aws.keyCreated.put(LONG_TERM_KEY, Instant.now().minus(Duration.ofDays(200)));
            var config = new AwsCredentialsCheckConfig(null, null, null, null, null, Duration.ofDays(365), null);

            assertEquals(Status.OK, run(check(config, CredentialChain.standard(n -> null), Optional.empty())).status());
        }

        @Test
        void anAgeIamWillNotTellIsADetailNotAFailure() throws Exception {
            useSystemProperties(LONG_TERM_KEY, SECRET, null);
            aws.deniedServices.add("iam");

            CheckResult result = run(check());

            assertEquals(Status.OK, result.status(), result.summary());
            assertEquals("unknown: iam:ListAccessKeys: AccessDenied", result.details().get("keyAge"));
        }
    }

    @Nested
    class StsRefusals {

        @Test
        void anUnknownKeyIsInvalid() throws Exception {
            useSystemProperties("AKIAUNKNOWNKEY000001", SECRET, null);

            CheckResult result = run(check());

            assertEquals(Status.CRITICAL, result.status());
            assertEquals(Category.INVALID_CREDENTIALS, result.category());
            assertTrue(result.summary().contains("InvalidClientTokenId"), result.summary());
        }

        @Test
        void aSecretThatDoesNotBelongToTheKeyIsNamedSo() throws Exception {
            useSystemProperties(LONG_TERM_KEY, SECRET.replace('0', '1'), null);

            CheckResult result = run(check());

            assertEquals(Category.INVALID_CREDENTIALS, result.category());
            assertTrue(result.summary().startsWith("the secret does not match the key AKIA…ERM1"), result.summary());
        }

        @Test
        void anExpiredSessionTokenIsExpired() throws Exception {
            useSystemProperties(TEMP_KEY, SECRET, TOKEN);
            aws.expiredTokens.add(TOKEN);

            CheckResult result = run(check());

            assertEquals(Status.CRITICAL, result.status());
            assertEquals(Category.EXPIRED, result.category());
            assertTrue(result.summary().contains("ExpiredToken"), result.summary());
        }

        /**
         * The SDK answers a RequestExpired by correcting its clock (JVM-wide) and signing again,
         * as it does in every application on the host: AWS keeps working, so this is a warning,
         * with the offset measured from the answer's Date header.
         */
        @Test
        void aSkewedClockIsNamedWithTheMeasuredOffset() throws Exception {
            useSystemProperties(LONG_TERM_KEY, SECRET, null);
            aws.skew = Duration.ofMinutes(20);

            CheckResult result = run(check());

            assertEquals(Category.CLOCK_SKEW, result.category(), result.summary());
            assertTrue(result.summary().contains("clock is 19m") || result.summary().contains("clock is 20m"),
                    result.summary());
            assertTrue(result.summary().contains("behind AWS"), result.summary());
            long offset = (Long) result.details().get("clockOffsetSeconds");
            assertTrue(Math.abs(offset - 1200) <= 2, "offset " + offset);
        }

        @Test
        void anUnreachableStsIsUnknownNotAVerdict() throws Exception {
            useSystemProperties(LONG_TERM_KEY, SECRET, null);
            aws.close();

            CheckResult result = run(check());

            assertEquals(Status.UNKNOWN, result.status());
            assertEquals(Category.UNAVAILABLE, result.category());
        }
    }

    @Nested
    class Quarantine {

        static final String QUARANTINE_V2 = "arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2";
        static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

        @Test
        void aKeyWhoseUserAwsQuarantinedIsCriticalNamingThePolicy() throws Exception {
            useSystemProperties(LONG_TERM_KEY, SECRET, null);
            aws.attachedPolicies.put("bot", List.of(READ_ONLY, QUARANTINE_V2));

            CheckResult result = run(check());

            assertEquals(Status.CRITICAL, result.status(), result.summary());
            assertEquals(Category.KEY_QUARANTINED, result.category());
            assertTrue(result.summary().startsWith("AWS found this key exposed: the IAM user bot of AKIA…ERM1"),
                    result.summary());
            assertTrue(result.remediation().startsWith("rotate it and review CloudTrail for its use"),
                    result.remediation());
            assertEquals("AWSCompromisedKeyQuarantineV2", result.details().get("quarantinePolicy"));
            assertEquals("attached: AWSCompromisedKeyQuarantineV2", result.details().get("quarantineCheck"));
        }

        @Test
        void aUserWithoutTheQuarantinePolicyIsOk() throws Exception {
            useSystemProperties(LONG_TERM_KEY, SECRET, null);
            aws.attachedPolicies.put("bot", List.of(READ_ONLY,
                    // The same name in the customer's own account is not AWS's quarantine.
                    "arn:aws:iam::123456789012:policy/AWSCompromisedKeyQuarantineV2"));

            CheckResult result = run(check());

            assertEquals(Status.OK, result.status(), result.summary());
            assertEquals("none attached", result.details().get("quarantineCheck"));
        }

        /** IAM takes the user's name alone; the ARN carries its path too. */
        @Test
        void theUserIsAskedForByNameWithoutItsPath() throws Exception {
            useSystemProperties(LONG_TERM_KEY, SECRET, null);
            aws.callerResource = "user/trading/desk/bot";
            aws.attachedPolicies.put("bot", List.of(QUARANTINE_V2));

            CheckResult result = run(check());

            assertEquals(Category.KEY_QUARANTINED, result.category(), result.summary());
            assertTrue(aws.iamCalls.contains("ListAttachedUserPolicies bot"), aws.iamCalls.toString());
        }

        @Test
        void theQuarantinePolicyIsFoundOnALaterPage() throws Exception {
            useSystemProperties(LONG_TERM_KEY, SECRET, null);
            aws.policiesPerPage = 1;
            aws.attachedPolicies.put("bot", List.of(READ_ONLY, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
                    "arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3"));

            CheckResult result = run(check());

            assertEquals(Category.KEY_QUARANTINED, result.category(), result.summary());
            assertEquals("AWSCompromisedKeyQuarantineV3", result.details().get("quarantinePolicy"));
            assertEquals(3, aws.iamCalls.stream().filter(c -> c.startsWith("ListAttachedUserPolicies")).count(),
                    aws.iamCalls.toString());
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(ints = {10, 200})
        void aKeyNotAllowedToAskKeepsItsStatusAndSaysSoInTheDetails(int ageDays) throws Exception {
            useSystemProperties(LONG_TERM_KEY, SECRET, null);
            aws.keyCreated.put(LONG_TERM_KEY, Instant.now().minus(Duration.ofDays(ageDays)));
            CheckResult allowed = run(check());

            aws.deniedIamActions.add("ListAttachedUserPolicies");
            CheckResult denied = run(check());

            assertEquals(allowed.status() + " " + allowed.category(), denied.status() + " " + denied.category(),
                    denied.summary());
            assertEquals("not allowed: AccessDenied", denied.details().get("quarantineCheck"));
            assertEquals((long) ageDays, denied.details().get("keyAgeDays"));
        }

        /**
         * Only an IAM user's long-term key is quarantined: not the user's own temporary session
         * (GetSessionToken: a user ARN, an ASIA key), not the root user's key.
         */
        @ParameterizedTest(name = "{0} as {1}")
        @CsvSource({"ASIAEXAMPLETEMPORARY, user/bot", "AKIAEXAMPLELONGTERM1, root"})
        void noOtherKeyIsAskedAbout(String keyId, String caller) throws Exception {
            useSystemProperties(keyId, SECRET, keyId.startsWith("ASIA") ? TOKEN : null);
            aws.callerResource = caller;

            CheckResult result = run(check());

            assertFalse(result.details().containsKey("quarantineCheck"), result.details()::toString);
            assertTrue(aws.iamCalls.stream().noneMatch(c -> c.startsWith("ListAttachedUserPolicies")),
                    aws.iamCalls.toString());
        }
    }

    @Nested
    class TheAccount {

        static final String EXPECTED = "123456789012";
        static final String OTHER = "210987654321";

        AwsCredentialsCheck expecting(String account) {
            return check(new AwsCredentialsCheckConfig(null, null, null, null, null, null, null, account, null, null,
                    null), CredentialChain.standard(n -> null), Optional.empty());
        }

        @Test
        void credentialsOfAnotherAccountThanExpectedAreCriticalNamingBoth() throws Exception {
            useSystemProperties(LONG_TERM_KEY, SECRET, null);
            aws.account = OTHER;

            CheckResult result = run(expecting(EXPECTED));

            assertEquals(Status.CRITICAL, result.status(), result.summary());
            assertEquals(Category.WRONG_ACCOUNT, result.category());
            assertTrue(result.summary().contains("belong to AWS account " + OTHER + ", not the expected " + EXPECTED),
                    result.summary());
            assertEquals(OTHER, result.details().get("account"));
            assertEquals(EXPECTED, result.details().get("expectedAccount"));
        }

        @Test
        void credentialsOfTheExpectedAccountAreOk() throws Exception {
            useSystemProperties(LONG_TERM_KEY, SECRET, null);

            CheckResult result = run(expecting(EXPECTED));

            assertEquals(Status.OK, result.status(), result.summary());
            assertEquals(EXPECTED, result.details().get("account"));
        }

        @Test
        void withNoExpectedAccountAnyAccountIsAccepted() throws Exception {
            useSystemProperties(LONG_TERM_KEY, SECRET, null);
            aws.account = OTHER;

            CheckResult result = run(check());

            assertEquals(Status.OK, result.status(), result.summary());
            assertFalse(result.details().containsKey("expectedAccount"), result.details()::toString);
        }

        /** A run expecting {@link #EXPECTED}, with a key id of {@code keyAccount} and STS out of reach. */
        CheckResult runWithStsDown(String keyAccount) throws Exception {
            useSystemProperties(AccessKeyAccountTest.keyOf("AKIA", keyAccount), SECRET, null);
            aws.close();
            return run(expecting(EXPECTED));
        }

        @Test
        void theAccountTheKeyIdNamesIsShownEvenWhenStsCannotBeAsked() throws Exception {
            CheckResult result = runWithStsDown(EXPECTED);

            assertEquals(Status.UNKNOWN, result.status(), result.summary());
            assertEquals(EXPECTED, result.details().get("keyAccount"));
            assertFalse(result.details().containsKey("alsoFound"), result.details()::toString);
        }

        /** The key id's reading is not an AWS answer: without STS it warns, never more. */
        @Test
        void aKeyIdNamingAnotherAccountWhileStsCannotBeAskedIsOnlyAWarning() throws Exception {
            CheckResult result = runWithStsDown(OTHER);

            assertEquals(Status.UNKNOWN, result.status(), "STS's silence is the worst of it: " + result.summary());
            assertEquals(Category.UNAVAILABLE, result.category());
            assertEquals(OTHER, result.details().get("keyAccount"));
            @SuppressWarnings("unchecked")
            List<String> alsoFound = (List<String>) result.details().get("alsoFound");
            assertEquals(1, alsoFound.size(), alsoFound::toString);
            assertTrue(alsoFound.get(0).startsWith("WARN WRONG_ACCOUNT: per the key id, the credentials AKIA…"),
                    alsoFound.get(0));
            assertTrue(alsoFound.get(0).endsWith("belong to AWS account " + OTHER + ", not the expected " + EXPECTED
                    + " (STS did not confirm it)"), alsoFound.get(0));
        }

        @Test
        void anOlderKeyIdNamesNoAccount() throws Exception {
            useSystemProperties(LONG_TERM_KEY, SECRET, null);

            assertFalse(run(check()).details().containsKey("keyAccount"));
        }
    }

    @Nested
    class Services {

        @Test
        void aDeniedServiceIsAWarningNamingTheAction() throws Exception {
            useSystemProperties(LONG_TERM_KEY, SECRET, null);
            aws.deniedServices.add("secretsmanager");

            CheckResult result = run(check());

            assertEquals(Status.WARN, result.status());
            assertEquals(Category.ACCESS_DENIED, result.category());
            assertTrue(result.summary().contains("secretsmanager:ListSecrets is denied"), result.summary());
            @SuppressWarnings("unchecked")
            Map<String, String> services = (Map<String, String>) result.details().get("services");
            assertTrue(services.get("secretsmanager").startsWith("AccessDeniedException"), services.toString());
            assertEquals("OK", services.get("ec2"));
        }

        @Test
        void ec2DeniedIsSeenThroughDryRun() throws Exception {
            useSystemProperties(LONG_TERM_KEY, SECRET, null);
            aws.deniedServices.add("ec2");

            CheckResult result = run(check());

            assertEquals(Category.ACCESS_DENIED, result.category());
            assertTrue(result.summary().contains("ec2:DescribeInstances"), result.summary());
        }
    }

    /** The probe clients are built once and shared; each call still signs with what its run resolved. */
    @Nested
    class SharedProbeClients {

        static final String OTHER_KEY = "AKIAEXAMPLEOTHERKEY1";
        static final String OTHER_SECRET = "cAnArY0OtHeR0wJalrXUtnFEMI0K7MDENG0bPxRfiCY";

        @Test
        void eachRunSignsWithTheCredentialsItResolved() throws Exception {
            aws.key(OTHER_KEY, OTHER_SECRET);
            useSystemProperties(LONG_TERM_KEY, SECRET, null);
            assertEquals(Status.OK, run(check()).status());
            List<String> first = List.copyOf(aws.signedBy);
            aws.signedBy.clear();

            useSystemProperties(OTHER_KEY, OTHER_SECRET, null);
            CheckResult second = run(check());

            assertEquals(Status.OK, second.status(), second.summary());
            assertEquals("AKIA…KEY1", second.details().get("accessKeyId"));
            assertTrue(first.size() >= 4 && first.stream().allMatch(s -> s.endsWith(" " + LONG_TERM_KEY)), first.toString());
            assertTrue(aws.signedBy.size() >= 4 && aws.signedBy.stream().allMatch(s -> s.endsWith(" " + OTHER_KEY)),
                    aws.signedBy.toString());
            String json = JsonMapper.create().writeValueAsString(second);
            assertFalse(json.contains(OTHER_SECRET), json);
        }

        @Test
        void runsStartNoThreads() throws Exception {
            useSystemProperties(LONG_TERM_KEY, SECRET, null);
            assertEquals(Status.OK, run(check()).status());
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long before = threads.getTotalStartedThreadCount();

            for (int i = 0; i < 10; i++) {
                assertEquals(Status.OK, run(check()).status());
            }

            // Each of the four SDK clients a run used to build started a scheduler thread of its
            // own (40 here); the JDK's keep-alive timer may come and go once or twice.
            long started = threads.getTotalStartedThreadCount() - before;
            assertTrue(started <= 3, "threads started by ten runs: " + started);
        }
    }

    @Nested
    class TemporaryCredentials {

        @Test
        void temporaryKeysWhereNothingRefreshesThemWarnAndSayNotToUseALongTermKey() throws Exception {
            useSystemProperties(TEMP_KEY, SECRET, TOKEN);

            CheckResult result = run(check());

            assertEquals(Status.WARN, result.status());
            assertEquals(Category.TEMPORARY_STATIC_CREDENTIALS, result.category());
            assertTrue(result.remediation().contains("instance profile"), result.remediation());
            assertTrue(result.remediation().contains("do not replace them with a long-term AKIA key"));
        }

        @Test
        void theDeclaredExpiryTurnsTheWarningCriticalWithinCriticalBeforeAndExpiredAfter() throws Exception {
            Instant start = Instant.parse("2026-11-23T00:00:00Z");
            var clock = new io.credwatch.testing.MutableClock(start);
            var credentials = AwsSessionCredentials.create(TEMP_KEY, SECRET, TOKEN);
            var chain = environmentChain(credentials, "2026-11-23T08:00:00Z");
            AwsCredentialsCheck check = check(config(), chain, Optional.empty());

            CheckResult early = run(check, clock);
            assertEquals(Status.WARN, early.status());
            assertEquals(28800L, early.details().get("secondsToExpiry"));
            assertTrue(early.summary().contains("stops in 8h"), early.summary());

            clock.advance(Duration.ofMinutes(7 * 60 + 30));
            CheckResult close = run(check, clock);
            assertEquals(Status.CRITICAL, close.status());
            assertEquals(Category.TEMPORARY_STATIC_CREDENTIALS, close.category());

            clock.advance(Duration.ofHours(1));
            CheckResult after = run(check, clock);
            assertEquals(Status.CRITICAL, after.status());
            assertEquals(Category.EXPIRED, after.category());
        }
    }

    @Nested
    class TheChain {

        @Test
        void nothingFoundIsCriticalNamingEveryLinkTried() throws Exception {
            CheckResult result = run(check());

            assertEquals(Status.CRITICAL, result.status());
            assertEquals(Category.NO_CREDENTIALS, result.category());
            @SuppressWarnings("unchecked")
            Map<String, String> tried = (Map<String, String>) result.details().get("linksTried");
            assertEquals(List.of("system-properties", "environment", "web-identity", "profile", "container",
                    "instance-profile"), List.copyOf(tried.keySet()));
            assertTrue(aws.services.isEmpty(), "nothing to sign with, nothing sent");
        }

        /** The SDK's "no credentials for profile" message describes the file; it must not carry another profile's keys. */
        @Test
        void aMissingProfileIsReportedWithoutTheOtherProfilesSecrets() throws Exception {
            Path credentials = Files.writeString(dir.resolve("credentials"), """
                    [default]
                    aws_access_key_id = %s
                    aws_secret_access_key = %s
                    """.formatted(LONG_TERM_KEY, SECRET));
            System.setProperty("aws.sharedCredentialsFile", credentials.toString());
            System.setProperty("aws.profile", "missing");

            CheckResult result = run(check());

            assertEquals(Category.NO_CREDENTIALS, result.category());
            @SuppressWarnings("unchecked")
            Map<String, String> tried = (Map<String, String>) result.details().get("linksTried");
            assertTrue(tried.get("profile").contains("'missing'"), tried.get("profile"));
        }

        @Test
        void aNamedProfileIsReportedWithItsNameAndKind() throws Exception {
            Path credentials = Files.writeString(dir.resolve("credentials"), """
                    [trading]
                    aws_access_key_id = %s
                    aws_secret_access_key = %s
                    aws_session_token = %s
                    """.formatted(TEMP_KEY, SECRET, TOKEN));
            System.setProperty("aws.sharedCredentialsFile", credentials.toString());
            System.setProperty("aws.profile", "trading");

            CheckResult result = run(check());

            assertEquals("profile", result.details().get("source"));
            assertEquals("profile 'trading' (static keys in the profile)", result.details().get("sourceDetail"));
            assertEquals(Category.TEMPORARY_STATIC_CREDENTIALS, result.category());
        }
    }

    @Nested
    class OnAnInstance {

        FakeInstanceMetadata imds;

        @BeforeEach
        void startImds() {
            imds = new FakeInstanceMetadata();
            imds.accessKeyId = TEMP_KEY;
            imds.secret = SECRET;
            imds.sessionToken = TOKEN;
            System.setProperty("aws.ec2MetadataServiceEndpoint", imds.uri("").toString());
            System.setProperty("aws.disableEc2Metadata", "false");
        }

        @AfterEach
        void stopImds() {
            imds.close();
        }

        /** A loopback port nothing listens on: connecting is refused at once. */
        static String refusingEndpoint() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return "http://127.0.0.1:" + socket.getLocalPort();
            }
        }

        AwsCredentialsCheck onAws() {
            return check(config(), CredentialChain.standard(n -> null), Optional.of(
                    new InstanceMetadataPosture(clients.imds(), new LazyHttpClient(Duration.ofSeconds(2), TestPools.HTTP_CLIENT))));
        }

        @Test
        void instanceProfileCredentialsAreOkWithTheRoleAndExpiry() throws Exception {
            imds.expiration = Instant.now().plus(Duration.ofHours(6));

            CheckResult result = run(onAws());

            assertEquals(Status.OK, result.status(), result.summary());
            assertEquals("instance-profile", result.details().get("source"));
            assertEquals(true, result.details().get("refreshedBySdk"));
            assertEquals(Map.of("reachable", true, "role", "trading-bot-role", "v1Enabled", false),
                    result.details().get("imds"));
            long left = (Long) result.details().get("secondsToExpiry");
            assertTrue(left > 5 * 3600 && left <= 6 * 3600, "seconds to expiry " + left);
        }

        @Test
        void imdsV1StillAnsweringIsAWarning() throws Exception {
            imds.v1Enabled = true;

            CheckResult result = run(onAws());

            assertEquals(Status.WARN, result.status());
            assertEquals(Category.IMDS_V1_ENABLED, result.category());
            assertTrue(result.remediation().contains("--http-tokens required"));
        }

        @Test
        void aLongTermKeyBesideARoleIsALongTermKeyWarning() throws Exception {
            useSystemProperties(LONG_TERM_KEY, SECRET, null);

            CheckResult result = run(onAws());

            assertEquals(Status.WARN, result.status());
            assertEquals(Category.LONG_TERM_KEY, result.category());
            assertTrue(result.summary().contains("trading-bot-role"), result.summary());
        }

        /**
         * Nothing listens where IMDS should be (the endpoint disabled, a firewall rejecting it):
         * the SDK's last link fails in every application on the host, on every try, so this is
         * a verdict, not "cannot tell".
         */
        @Test
        void anImdsRefusingConnectionsWithNothingInTheChainIsNoCredentials() throws Exception {
            System.setProperty("aws.ec2MetadataServiceEndpoint", refusingEndpoint());

            CheckResult result = run(onAws());

            assertEquals(Status.CRITICAL, result.status(), result.summary());
            assertEquals(Category.NO_CREDENTIALS, result.category());
            assertTrue(result.summary().contains("IMDS refuses connections"), result.summary());
            assertTrue(result.remediation().contains("--http-endpoint enabled"), result.remediation());
            @SuppressWarnings("unchecked")
            Map<String, Object> answer = (Map<String, Object>) result.details().get("imds");
            assertEquals(false, answer.get("reachable"));
            assertEquals(true, answer.get("refused"));
            assertTrue(String.valueOf(answer.get("error")).startsWith("IMDS not reachable (ConnectException)"),
                    answer::toString);
        }

        @Test
        void anInstanceWithoutARoleIsNoCredentialsWithImdsAnswerInTheDetails() throws Exception {
            imds.role = null;

            CheckResult result = run(onAws());

            assertEquals(Status.CRITICAL, result.status(), result.summary());
            assertEquals(Category.NO_CREDENTIALS, result.category());
            assertTrue(result.summary().contains("IMDS lists no role"), result.summary());
            assertEquals(Map.of("reachable", true, "noRole", true, "v1Enabled", false), result.details().get("imds"));
            @SuppressWarnings("unchecked")
            Map<String, String> tried = (Map<String, String>) result.details().get("linksTried");
            assertEquals("not asked: IMDS lists no role: no instance profile is attached", tried.get("instance-profile"));
        }

        /** Silence is not a refusal: IMDS may be slow or its hop limit too low for a container, for now. */
        @Test
        void anImdsThatTimesOutLeavesItUnknown() throws Exception {
            try (FaultyServer hanging = new FaultyServer(Fault.HANG)) {
                System.setProperty("aws.ec2MetadataServiceEndpoint", hanging.uri().toString());

                CheckResult result = run(onAws());

                assertEquals(Status.UNKNOWN, result.status(), result.summary());
                assertEquals(Category.TIMEOUT, result.category());
            }
        }

        /**
         * NO_CREDENTIALS is definitive: flap tolerance, which holds the last verdict over a few
         * runs that could not tell, reports it at the first run.
         */
        @Test
        void imdsStartingToRefuseIsReportedAtTheFirstRunNotHeldAsInconclusive() throws Exception {
            AwsCredentialsCheck check = onAws();
            try (CheckCore core = new CheckCore(List.of(check), clock, Jitter.none(), 1, 10)) {
                assertEquals(Status.OK, core.runNow(check.id()).get(30, TimeUnit.SECONDS).status());

                imds.close();
                CheckReport report = core.runNow(check.id()).get(30, TimeUnit.SECONDS);

                assertEquals(Status.CRITICAL, report.status(), report.summary());
                assertEquals(Category.NO_CREDENTIALS, report.category());
            }
        }

        @Test
        void aRoleWhoseCredentialsCannotBeFetchedIsCritical() throws Exception {
            imds.credentialsStatus = 500;

            CheckResult result = run(onAws());

            assertEquals(Status.CRITICAL, result.status());
            assertEquals(Category.EXPIRED, result.category(), result.summary());
            assertTrue(result.summary().contains("trading-bot-role"), result.summary());
        }
    }

    /**
     * The seed incident, end to end: temporary keys exported into a service's environment,
     * read by the SDK's own environment link in a real process, AWS reached through
     * AWS_ENDPOINT_URL, and the CLI's exit status and output.
     */
    @Nested
    class AsAProcess {

        @Test
        void temporaryKeysInTheEnvironmentNearTheirExpiryExitCriticalAndLeakNothing() throws Exception {
            Path config = Files.writeString(dir.resolve("credwatch.yaml"),
                    "agent: { stateDir: " + dir.resolve("state") + " }\n");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.credwatch.cli.Main",
                    "check", "--only", "aws-credentials", "--json", "--config", config.toString());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("JAVA_TOOL"));
            env.put("AWS_ACCESS_KEY_ID", TEMP_KEY);
            env.put("AWS_SECRET_ACCESS_KEY", SECRET);
            env.put("AWS_SESSION_TOKEN", TOKEN);
            env.put("AWS_CREDENTIAL_EXPIRATION", Instant.now().plus(Duration.ofMinutes(30)).toString());
            env.put("AWS_ENDPOINT_URL", aws.uri("").toString());
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
            env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
            builder.redirectErrorStream(true);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertEquals(2, process.waitFor(), output);
            assertTrue(output.contains("\"category\" : \"TEMPORARY_STATIC_CREDENTIALS\""), output);
            assertTrue(output.contains("\"source\" : \"environment\""), output);
            assertTrue(output.contains("\"account\" : \"123456789012\""), output);
            assertFalse(output.contains(SECRET) || output.contains(SECRET.substring(10, 30)), output);
            assertFalse(output.contains(TOKEN), output);
        }
    }
}
