package io.credwatch.credential;

import static io.credwatch.credential.Canaries.KEY;
import static io.credwatch.credential.Canaries.PASSPHRASE;
import static io.credwatch.credential.Canaries.SECRET;
import static io.credwatch.credential.Canaries.clean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.aws.FakeAws;
import io.credwatch.aws.FakeSecretsManager.Secret;
import io.credwatch.awsclient.AwsClients;
import io.credwatch.config.Environment;
import io.credwatch.credential.SourceAttempt.Outcome;
import io.credwatch.testing.Fault;
import io.credwatch.testing.FaultyServer;
import io.credwatch.testing.TestPools;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The source against the real SDK client, signing with the host's chain (here system
 * properties) and sent to a Secrets Manager fake on loopback through {@code aws.endpointUrl}.
 */
@Timeout(60)
class SecretsManagerSourceTest {

    static final String NAME = "mm-bot/prod/cryptocom";
    /** The host's own AWS key, as the default chain finds it. */
    static final String AWS_KEY_ID = "AKIAEXAMPLEHOSTKEY01";
    static final String AWS_SECRET = "hostSecretwJalrXUtnFEMI0K7MDENG0bPxRfiCY";
    /** What {@code AwsCredentialsCheckTest} clears, and the region. */
    static final List<String> PROPERTIES = List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken",
            "aws.endpointUrl", "aws.ec2MetadataServiceEndpoint", "aws.disableEc2Metadata", "aws.profile",
            "aws.sharedCredentialsFile", "aws.configFile", "aws.region");

    final Clock clock = Clock.systemUTC();
    FakeAws aws;
    AwsClients clients;

    @BeforeEach
    void start() {
        aws = new FakeAws().key(AWS_KEY_ID, AWS_SECRET);
        System.setProperty("aws.endpointUrl", aws.uri("").toString());
        System.setProperty("aws.accessKeyId", AWS_KEY_ID);
        System.setProperty("aws.secretAccessKey", AWS_SECRET);
        System.setProperty("aws.region", "us-east-1");
        clients = new AwsClients(Duration.ofSeconds(5), TestPools.TIMER);
    }

    @AfterEach
    void stop() {
        PROPERTIES.forEach(System::clearProperty);
        clients.close();
        aws.close();
    }

    SourceAttempt look(int parts) throws InterruptedException {
        return clean(new SecretsManagerSource(NAME, parts, Environment.PROD, clients.secretsManager(), clock)
                .look(clock.instant().plusSeconds(10)));
    }

    static void assertEnds(SourceAttempt attempt, Outcome outcome, String reason) {
        assertEquals(outcome, attempt.outcome(), attempt::toString);
        assertEquals(reason, attempt.reason());
    }

    static String json(String... fieldsAndValues) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            out.append(i == 0 ? "" : ",").append('"').append(fieldsAndValues[i]).append("\":\"")
                    .append(fieldsAndValues[i + 1]).append('"');
        }
        return out.append('}').toString();
    }

    void put(String name, String value) {
        aws.secretsManager.put(Secret.of(name, value, Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void aJsonSecretIsFoundWithItsFieldsNamed() throws Exception {
        put(NAME, "{\"api_key\": \"%s\", \"api_secret\": \"%s\\n\"}".formatted(KEY, SECRET));
        SourceAttempt a = look(2);
        assertEquals(Outcome.FOUND, a.outcome());
        assertEquals("secretsManager " + NAME, a.source());
        assertEquals(List.of(NAME + ":api_key", NAME + ":api_secret"), a.names());
        assertEquals(ApiCredentials.of(KEY, SECRET), a.credentials().orElseThrow());
        assertEquals(List.of(NAME), aws.secretsManager.subjects("GetSecretValue"), "one call, no split lookups");
    }

    @Test
    void kucoinsJsonSecretCarriesThePassphrase() throws Exception {
        put(NAME, json("api_key", KEY, "api_secret", SECRET, "api_passphrase", PASSPHRASE));
        assertEquals(new ApiCredentials(KEY, SECRET, PASSPHRASE), look(3).credentials().orElseThrow());
    }

    @Test
    void aJsonSecretMissingAFieldIsIncompleteNamingTheField() throws Exception {
        put(NAME, json("api_key", KEY, "api_secret", SECRET));
        assertEnds(look(3), Outcome.INCOMPLETE,
                NAME + ": api_key and api_secret are set but api_passphrase is missing");
    }

    @Test
    void aJsonSecretWithNoneOfTheFieldsIsIncomplete() throws Exception {
        put(NAME, json("key", KEY, "secret", SECRET));
        assertEnds(look(2), Outcome.INCOMPLETE, NAME + " has none of the fields api_key and api_secret");
    }

    @Test
    void aSecretThatIsNotJsonFailsWithoutQuotingIt() throws Exception {
        put(NAME, SECRET);
        assertEnds(look(2), Outcome.FAILED, NAME + " is not a JSON object with api_key and api_secret");
    }

    @Test
    void withoutTheJsonSecretOneSecretPerPartIsRead() throws Exception {
        put(NAME + "/api_key", KEY);
        put(NAME + "/api_secret", SECRET + "\n");
        SourceAttempt a = look(2);
        assertEquals(Outcome.FOUND, a.outcome());
        assertEquals(List.of(NAME + "/api_key", NAME + "/api_secret"), a.names());
        assertEquals(ApiCredentials.of(KEY, SECRET), a.credentials().orElseThrow());
        assertEquals(List.of(NAME, NAME + "/api_key", NAME + "/api_secret"),
                aws.secretsManager.subjects("GetSecretValue"));
    }

    @Test
    void halfTheSplitSecretsIsIncomplete() throws Exception {
        put(NAME + "/api_key", KEY);
        assertEnds(look(2), Outcome.INCOMPLETE, NAME + "/api_key is present but " + NAME + "/api_secret is missing");
    }

    @Test
    void noSecretAtAllIsEmpty() throws Exception {
        assertEnds(look(3), Outcome.EMPTY, "no secret " + NAME + ", " + NAME + "/api_key, " + NAME
                + "/api_secret or " + NAME + "/api_passphrase");
    }

    @Test
    void aDenialSaysWhatToGrantToWhom() throws Exception {
        put(NAME, json("api_key", KEY, "api_secret", SECRET));
        aws.secretsManager.denied.add(NAME);
        assertEnds(look(2), Outcome.FAILED, "ACCESS_DENIED: grant secretsmanager:GetSecretValue on " + NAME
                + " to arn:aws:iam::123456789012:user/bot");
    }

    @Test
    void aDenialOfOneSplitSecretNamesThatSecret() throws Exception {
        put(NAME + "/api_key", KEY);
        put(NAME + "/api_secret", SECRET);
        aws.secretsManager.denied.add(NAME + "/api_secret");
        SourceAttempt a = look(2);
        assertEquals(Outcome.FAILED, a.outcome());
        assertTrue(a.reason().startsWith("ACCESS_DENIED: grant secretsmanager:GetSecretValue on " + NAME
                + "/api_secret to "), a.reason());
    }

    @Test
    void aRefusedSignatureIsNamedByItsCode() throws Exception {
        System.setProperty("aws.secretAccessKey", "not-the-host-secret");
        put(NAME, json("api_key", KEY, "api_secret", SECRET));
        assertEnds(look(2), Outcome.FAILED,
                "INVALID_CREDENTIALS: GetSecretValue on " + NAME + ": SignatureDoesNotMatch");
    }

    @Test
    void nothingListeningIsUnavailable() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        System.setProperty("aws.endpointUrl", "http://127.0.0.1:" + port);
        assertEnds(look(2), Outcome.FAILED,
                "UNAVAILABLE: GetSecretValue on " + NAME + ": connection refused or unreachable");
    }

    @Test
    void aServerThatNeverAnswersEndsWithinTheDeadline() throws Exception {
        try (FaultyServer hung = new FaultyServer(Fault.HANG)) {
            System.setProperty("aws.endpointUrl", hung.uri().toString());
            Instant started = clock.instant();
            SourceAttempt a = clean(new SecretsManagerSource(NAME, 2, Environment.PROD, clients.secretsManager(), clock)
                    .look(started.plusSeconds(1)));
            Duration took = Duration.between(started, clock.instant());
            assertEquals(Outcome.FAILED, a.outcome());
            assertEquals("TIMEOUT: GetSecretValue on " + NAME + ": no answer in time", a.reason());
            assertTrue(took.compareTo(Duration.ofMillis(2500)) < 0, "took " + took);
            assertTrue(hung.reached(), "the request reached the server");
        }
    }

    @Test
    void aSecretOfAnotherEnvironmentIsRefusedFromItsNameWithoutACall() throws Exception {
        put(NAME, json("api_key", KEY, "api_secret", SECRET));

        SourceAttempt a = new SecretsManagerSource(NAME, 2, Environment.DEV, clients.secretsManager(), clock)
                .look(clock.instant().plusSeconds(10));

        assertEnds(a, Outcome.FAILED, "ENVIRONMENT_MIXED: " + NAME + " is a prod secret and this host is dev: not "
                + "read (use mm-bot/dev/cryptocom)");
        assertTrue(aws.secretsManager.calls.isEmpty(), aws.secretsManager.calls.toString());
    }

    @Test
    void aDeadlineAlreadyPassedAsksNothing() throws Exception {
        SourceAttempt a = new SecretsManagerSource(NAME, 2, Environment.PROD, clients.secretsManager(), clock)
                .look(clock.instant().minusSeconds(1));
        assertEquals(Outcome.FAILED, a.outcome());
        assertEquals("TIMEOUT: no time left to ask for " + NAME, a.reason());
        assertTrue(aws.secretsManager.calls.isEmpty());
    }
}
