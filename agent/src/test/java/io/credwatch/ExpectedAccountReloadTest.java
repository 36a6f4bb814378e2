package io.credwatch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.aws.FakeAws;
import io.credwatch.config.ConfigLoader;
import io.credwatch.testing.AwsSettings;
import io.credwatch.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code checks.aws-credentials.expectedAccount} takes effect on a reload, as every other key
 * does: the daemon, its configuration file, STS faked on loopback and reached through the
 * SDK's endpoint setting.
 */
class ExpectedAccountReloadTest {

    @TempDir
    Path dir;
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private Path writeConfig(String expectedAccount) throws Exception {
        return Files.writeString(dir.resolve("credwatch.yaml"), """
                agent: { stateDir: %s }
                http: { port: 0 }
                checks:
                  aws-credentials: { interval: 1h, services: [], expectedAccount: "%s" }
                  egress-ip: { enabled: false }
                """.formatted(dir.resolve("state"), expectedAccount));
    }

    private String verdict(Agent agent) {
        try {
            URI uri = agent.httpUri().orElseThrow().resolve("/checks/aws-credentials");
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return "none yet";
            }
            JsonNode report = json.readTree(answer.body());
            return report.get("status").asText() + " " + report.get("category").asText();
        } catch (Exception e) {
            return "none yet: " + e.getClass().getSimpleName();
        }
    }

    @Test
    void aNewExpectedAccountIsComparedFromTheRunAfterTheReload() throws Exception {
        try (FakeAws aws = new FakeAws().key(AwsSettings.HOST_KEY_ID, AwsSettings.HOST_SECRET);
             AwsSettings settings = new AwsSettings().endpoint(aws.uri("")).hostKey()) {
            Path config = writeConfig(aws.account);
            ConfigLoader loader = new ConfigLoader(Map.of(), dir.resolve("none.yaml"));
            try (Agent agent = Agent.daemon(loader.load(Optional.of(config)), loader, Optional.of(config), Map.of(),
                    Clock.systemUTC())) {
                agent.start();
                Await.until("the first run OK", Duration.ofSeconds(20), () -> verdict(agent).equals("OK NONE"));

                writeConfig("210987654321");
                String reloaded = agent.reloadConfig();

                assertTrue(reloaded.startsWith("reloaded"), reloaded);
                Await.until("CRITICAL WRONG_ACCOUNT after the reload",
                        Duration.ofSeconds(20), () -> verdict(agent).equals("CRITICAL WRONG_ACCOUNT"));
            }
        }
    }
}
