package io.credwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.aws.FakeAws;
import io.credwatch.aws.FakeSecretsManager.Secret;
import io.credwatch.check.CheckReport;
import io.credwatch.check.Status;
import io.credwatch.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent registers secrets-rotation only when it has something to watch, and its client finds the endpoint as the SDK does. */
class SecretsRotationWiringTest {

    static final List<String> PROPERTIES = List.of("aws.endpointUrl", "aws.accessKeyId", "aws.secretAccessKey",
            "aws.region");

    @TempDir
    Path dir;
    FakeAws aws;

    @BeforeEach
    void start() {
        aws = new FakeAws().key("AKIAEXAMPLEWIRING001", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY1");
        System.setProperty("aws.endpointUrl", aws.uri("").toString());
        System.setProperty("aws.accessKeyId", "AKIAEXAMPLEWIRING001");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY1");
        System.setProperty("aws.region", "eu-west-1");
    }

    @AfterEach
    void stop() {
        PROPERTIES.forEach(System::clearProperty);
        aws.close();
    }

    Agent agent(String rotation) throws Exception {
        return agent(rotation, "[]");
    }

    Agent agent(String rotation, String exchanges) throws Exception {
        ConfigLoader loader = new ConfigLoader(Map.of(), dir.resolve("none.yaml"));
        var loaded = loader.load(Optional.of(Files.writeString(dir.resolve("c.yaml"), """
                agent: { environment: prod, stateDir: %s }
                checks:
                  aws-credentials: { enabled: false }
                  egress-ip: { enabled: false }
                  secrets-rotation: %s
                exchanges: %s
                """.formatted(dir, rotation, exchanges))));
        return Agent.oneShot(loaded, loader, Map.of(), Clock.systemUTC());
    }

    @Test
    void withNeitherNamesNorPrefixTheCheckIsNotRegistered() throws Exception {
        try (Agent agent = agent("{ names: [], prefix: \"\" }")) {
            assertFalse(agent.checkIds().contains("secrets-rotation"), agent.checkIds().toString());
        }
    }

    @Test
    void withNamesItRunsAgainstTheEndpointTheSdkResolves() throws Exception {
        aws.secretsManager.put(Secret.of("mm-bot/prod/cryptocom/api_key", "v", Instant.now().minus(Duration.ofDays(3))));
        try (Agent agent = agent("{ names: [mm-bot/prod/cryptocom/api_key] }")) {
            assertEquals(List.of("secrets-rotation"), agent.checkIds());
            CheckReport report = agent.runOnce(List.of("secrets-rotation")).get(0);
            assertEquals(Status.OK, report.status(), report.summary());
            assertEquals(List.of("mm-bot/prod/cryptocom/api_key"), aws.secretsManager.subjects("DescribeSecret"));
        }
    }

    @Test
    void anAccountNamingAnotherEnvironmentsSecretRegistersItAndNothingReadsThatSecret() throws Exception {
        String pair = "{\"api_key\":\"sHaReDkEy0Xq9LmT4wZ2pR7sK1\",\"api_secret\":\"s3cr3tCaNaRy0Xq9LmT4wZ2\"}";
        aws.secretsManager.put(Secret.of("mm-bot/prod/bybit", pair, Instant.now().minus(Duration.ofDays(3))));
        aws.secretsManager.put(Secret.of("mm-bot/dev/bybit", pair, Instant.now().minus(Duration.ofDays(3))));
        try (Agent agent = agent("{ names: [] }", """
                [ { id: bybit-main, type: bybit, baseUrl: "http://127.0.0.1:9",
                    credentials: { secretsManager: mm-bot/prod/bybit } },
                  { id: bybit-dev, type: bybit, baseUrl: "http://127.0.0.1:9",
                    credentials: { secretsManager: mm-bot/dev/bybit } },
                  { id: bybit-old, type: bybit, enabled: false, credentials: { secretsManager: mm-bot/soak/bybit } } ]
                """)) {
            assertTrue(agent.checkIds().contains("secrets-rotation"), agent.checkIds().toString());
            List<CheckReport> reports = agent.runOnce(List.of());
            CheckReport report = reports.stream().filter(r -> r.id().equals("secrets-rotation")).findFirst()
                    .orElseThrow();
            assertEquals(Status.CRITICAL + " ENVIRONMENT_MIXED", report.status() + " " + report.category(),
                    report.summary());
            assertEquals("mm-bot/dev/bybit is a dev secret, configured on a prod host "
                    + "(exchanges[1].credentials.secretsManager)", report.summary());
            assertFalse(reports.toString().contains("s3cr3tCaNaRy"), reports.toString());
            assertEquals(List.of("mm-bot/prod/bybit"), aws.secretsManager.subjects("GetSecretValue"),
                    "only the host's own environment's secret is read, by its exchange check");
        }
    }

    @Test
    void accountsOfTheHostsOwnEnvironmentAddNoCheck() throws Exception {
        try (Agent agent = agent("{ names: [] }", """
                [ { id: bybit-main, type: bybit, baseUrl: "http://127.0.0.1:9",
                    credentials: { secretsManager: mm-bot/prod/bybit } } ]
                """)) {
            assertFalse(agent.checkIds().contains("secrets-rotation"), agent.checkIds().toString());
        }
    }

    @Test
    void accountsReadingOneEnvironmentsSecretsAddNoCheck() throws Exception {
        try (Agent agent = agent("{ names: [] }", """
                [ { id: bybit-main, type: bybit, enabled: false, credentials: { secretsManager: mm-bot/prod/bybit } } ]
                """)) {
            assertFalse(agent.checkIds().contains("secrets-rotation"), agent.checkIds().toString());
        }
    }
}
