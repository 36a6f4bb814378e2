package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.Agent;
import io.credwatch.aws.FakeAws;
import io.credwatch.aws.FakeSecretsManager.Secret;
import io.credwatch.check.CheckReport;
import io.credwatch.config.ConfigLoader;
import io.credwatch.config.LoadedConfig;
import io.credwatch.credential.CredentialFingerprint;
import io.credwatch.testing.IpEcho;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, item 7: a dev host whose account names a prod secret. The name alone decides:
 * the secret is never fetched, by the exchange check, {@code /fingerprints}, {@code credwatch
 * fingerprint} or the rotation check, and the account is {@code CRITICAL ENVIRONMENT_MIXED}.
 * Secrets Manager is faked on loopback and logs every GetSecretValue.
 */
@Timeout(60)
class SecretOfAnotherEnvironmentTest {

    static final List<String> PROPERTIES = List.of("aws.endpointUrl", "aws.accessKeyId", "aws.secretAccessKey",
            "aws.region");
    static final String PROD_SECRET = "mm-bot/prod/bybit";
    static final String DEV_SECRET = "mm-bot/dev/bybit";
    static final ApiCredentials DEV_PAIR = new ApiCredentials("CANARYKEY-bybit-dev-0123456789",
            "CANARY-SECRET-bybit-dev-7a7a7a", "");
    /** What the prod secret holds: not even parsable here, as in the issue, and never to be seen. */
    static final String PROD_VALUE = "prod-CANARY-not-json-4b4b4b4b4b";

    @TempDir
    Path dir;
    private final FakeAws aws = new FakeAws().key("AKIAEXAMPLEENVMIX001", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY7");
    private final IpEcho echo = new IpEcho("198.51.100.23");
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> said = new ArrayList<>();
    private FakeBybit bybit;
    private LoadedConfig loaded;
    private Agent agent;

    @BeforeEach
    void start() throws Exception {
        System.setProperty("aws.endpointUrl", aws.uri("").toString());
        System.setProperty("aws.accessKeyId", "AKIAEXAMPLEENVMIX001");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY7");
        System.setProperty("aws.region", "us-east-1");
        Instant created = Instant.now().minus(Duration.ofDays(3));
        aws.secretsManager.put(Secret.of(PROD_SECRET, PROD_VALUE, created));
        aws.secretsManager.put(Secret.of(DEV_SECRET, "{\"api_key\":\"" + DEV_PAIR.key() + "\",\"api_secret\":\""
                + DEV_PAIR.secret() + "\"}", created));
        bybit = new FakeBybit(DEV_PAIR);
        Path config = Files.writeString(dir.resolve("credwatch.yaml"), """
                agent: { environment: dev, stateDir: %s, executionContext: AWS }
                http: { port: 0 }
                checks:
                  aws-credentials: { enabled: false }
                  egress-ip: { enabled: false, sources: ["http://127.0.0.1:%d/"] }
                exchanges:
                  - { id: bybit-prod, type: bybit, baseUrl: "%s", interval: 1h, timeout: 3s,
                      credentials: { secretsManager: %s } }
                  - { id: bybit-dev, type: bybit, baseUrl: "%s", interval: 1h, timeout: 3s,
                      credentials: { secretsManager: %s } }
                """.formatted(dir.resolve("state"), echo.uri("").getPort(), bybit.uri(""), PROD_SECRET,
                bybit.uri(""), DEV_SECRET));
        ConfigLoader loader = new ConfigLoader(Map.of(), dir.resolve("none.yaml"));
        loaded = loader.load(Optional.of(config));
        agent = Agent.daemon(loaded, loader, Optional.empty(), Map.of(), Clock.systemUTC());
        agent.start();
        awaitReady();
    }

    @AfterEach
    void stop() {
        agent.close();
        PROPERTIES.forEach(System::clearProperty);
        aws.close();
        bybit.close();
        echo.close();
        for (String s : said) {
            assertFalse(s.contains(PROD_VALUE.substring(5, 25)), s);
            assertFalse(s.contains(DEV_PAIR.secret()), s);
        }
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(agent.httpUri().orElseThrow().resolve(path))
                .build(), HttpResponse.BodyHandlers.ofString());
        said.add(r.body());
        return r.body();
    }

    private void awaitReady() throws Exception {
        for (int i = 0; i < 400; i++) {
            if (client.send(HttpRequest.newBuilder(agent.httpUri().orElseThrow().resolve("/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("never ready");
    }

    private CheckReport run(String id) {
        CheckReport report = agent.runOnce(List.of(id)).get(0);
        said.add(report.toString());
        return report;
    }

    private List<String> prodReads() {
        return aws.secretsManager.subjects("GetSecretValue").stream().filter(s -> s.startsWith("mm-bot/prod/"))
                .toList();
    }

    @Nested
    class TheProdSecretOnADevHost {

        @Test
        void isEnvironmentMixedNamingBothEnvironmentsAndTheCounterpart() {
            CheckReport report = run("exchange:bybit-prod");

            assertEquals("CRITICAL ENVIRONMENT_MIXED", report.status() + " " + report.category(), report.summary());
            assertEquals(PROD_SECRET + " is a prod secret, configured on a dev host "
                    + "(exchanges[0].credentials.secretsManager)", report.summary());
            assertEquals("a dev host must use only dev secrets: use " + DEV_SECRET + " instead, or correct "
                    + "agent.environment if this host really is prod", report.remediation());
        }

        @Test
        void isNeverFetchedByAnyCheckRunOrFingerprintRequest() throws Exception {
            for (int i = 0; i < 4; i++) {
                agent.runOnce(List.of());
            }
            JsonNode served = json.readTree(get("/fingerprints"));
            List<CredentialFingerprint> printed = Agent.fingerprintsOnce(loaded.config(), Map.of(), Clock.systemUTC());
            said.add(printed.toString());

            assertEquals(List.of(), prodReads(), "GetSecretValue on another environment's secret");
            assertEquals("MISSING", served.get(0).get("state").asText(), served.toString());
            assertTrue(served.get(0).get("sourcesTried").get(0).get("reason").asText()
                    .startsWith("ENVIRONMENT_MIXED: " + PROD_SECRET + " is a prod secret"), served.toString());
            assertEquals(CredentialFingerprint.MISSING, printed.get(0).state());
        }

        @Test
        void leavesTheRotationCheckNothingToRead() {
            CheckReport report = run("secrets-rotation");

            assertEquals("CRITICAL ENVIRONMENT_MIXED", report.status() + " " + report.category(), report.summary());
            assertTrue(report.summary().startsWith(PROD_SECRET + " is a prod secret, configured on a dev host"),
                    report.summary());
            assertEquals(List.of(), prodReads());
        }
    }

    @Nested
    class TheHostsOwnSecret {

        @Test
        void isStillReadAndItsKeyChecked() throws Exception {
            CheckReport report = run("exchange:bybit-dev");

            assertFalse(report.category().name().equals("ENVIRONMENT_MIXED"), report.toString());
            assertEquals("secretsManager " + DEV_SECRET, report.details().get("source"), report.toString());
            assertTrue(aws.secretsManager.subjects("GetSecretValue").contains(DEV_SECRET));
            JsonNode served = json.readTree(get("/fingerprints"));
            assertEquals("OK", served.get(1).get("state").asText(), served.toString());
        }
    }
}
