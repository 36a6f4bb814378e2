package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.Agent;
import io.credwatch.config.ConfigLoader;
import io.credwatch.config.LoadedConfig;
import io.credwatch.info.BuildInfo;
import io.credwatch.testing.IpEcho;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident credwatch exists for, through the whole daemon: keys read from an env file and
 * the environment, an egress IP that changes after a stop/start, Crypto.com answering 40101,
 * and the operator reading the cause and the fix from the HTTP API, with no secret anywhere.
 */
@Timeout(60)
class ExchangeAgentTest {

    static final ApiCredentials CRYPTO = new ApiCredentials("CANARYKEY-cryptocom-0123456789",
            "CANARY-SECRET-cryptocom-5e5e5e", "");
    static final ApiCredentials BYBIT = new ApiCredentials("CANARYKEY-bybit-0123456789",
            "CANARY-SECRET-bybit-6f6f6f", "");

    @TempDir
    Path dir;
    private final IpEcho echo = new IpEcho("198.51.100.23");
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> bodies = new ArrayList<>();
    private FakeCryptoCom cryptocom;
    private FakeBybit bybit;
    private Agent agent;

    @BeforeEach
    void start() throws Exception {
        cryptocom = new FakeCryptoCom(CRYPTO);
        bybit = new FakeBybit(BYBIT);
        bybit.keyInfo = bybit.keyInfo.replace("\"Withdraw\"", "\"Spot\"").replace("198.51.100.4", "198.51.100.23");
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        echo.close();
        cryptocom.close();
        bybit.close();
        for (String body : bodies) {
            for (ApiCredentials c : List.of(CRYPTO, BYBIT)) {
                assertFalse(body.contains(c.secret()) || body.contains(c.key()), body);
            }
        }
    }

    private Path config() throws Exception {
        Files.writeString(dir.resolve("cryptocom.env"), "export CRYPTO_COM_API_KEY=" + CRYPTO.key()
                + "\nCRYPTO_COM_API_SECRET=\"" + CRYPTO.secret() + "\" # rotated monthly\n");
        return Files.writeString(dir.resolve("credwatch.yaml"), """
                agent: { stateDir: %s, executionContext: AWS }
                http: { port: 0 }
                checks:
                  aws-credentials: { enabled: false }
                  egress-ip: { interval: 1h, sources: ["http://127.0.0.1:%d/"] }
                exchanges:
                  - id: cryptocom-main
                    type: cryptocom
                    baseUrl: %s
                    interval: 1h
                    timeout: 3s
                    allowlist: [198.51.100.23]
                    credentials: { envFile: %s }
                  - id: bybit-main
                    type: bybit
                    baseUrl: %s
                    interval: 1h
                    timeout: 3s
                    credentials: { env: [[BYBIT_API_KEY, BYBIT_API_SECRET]] }
                """.formatted(dir.resolve("state"), echo.uri("").getPort(), cryptocom.uri(""),
                dir.resolve("cryptocom.env"), bybit.uri("")));
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        URI base = agent.httpUri().orElseThrow();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        bodies.add(r.headers().map() + r.body());
        return r;
    }

    private JsonNode get(String path) throws Exception {
        return json.readTree(send("GET", path).body());
    }

    private JsonNode run(String id) throws Exception {
        return json.readTree(send("POST", "/checks/" + id + "/run").body());
    }

    /** The daemon, with the Bybit key in its environment as a bot's unit would have it. */
    private void startAgent() throws Exception {
        ConfigLoader loader = new ConfigLoader(Map.of(), dir.resolve("none.yaml"));
        Path file = config();
        LoadedConfig loaded = loader.load(Optional.of(file));
        agent = Agent.daemon(loaded, loader, Optional.of(file), Map.of("BYBIT_API_KEY", BYBIT.key(),
                "BYBIT_API_SECRET", BYBIT.secret()), Clock.systemUTC());
        agent.start();
        awaitReady();
    }

    private void awaitReady() throws Exception {
        for (int i = 0; i < 400; i++) {
            if (send("GET", "/health/ready").statusCode() == 200) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("never ready");
    }

    @Test
    void theEgressIpChangesAndTheAmbiguous40101IsNamedAsTheIpWithTheIpToAdd() throws Exception {
        startAgent();

        JsonNode ok = get("/checks/exchange:cryptocom-main");
        assertEquals("OK", ok.get("status").asText(), ok::toString);
        assertEquals("exchange", ok.get("type").asText());
        assertEquals("envFile " + dir.resolve("cryptocom.env"), ok.get("details").get("source").asText());
        assertEquals("OK", get("/checks/exchange:bybit-main").get("status").asText());

        // A stop/start: the instance comes back with a new public IP, which the key's list lacks.
        echo.ip.set("203.0.113.99");
        cryptocom.boundIps = Set.of("198.51.100.23");
        run("egress-ip");
        JsonNode refused = run("exchange:cryptocom-main");

        assertEquals("CRITICAL", refused.get("status").asText(), refused::toString);
        assertEquals("IP_NOT_ALLOWLISTED", refused.get("category").asText(), refused::toString);
        assertEquals("40101", refused.get("details").get("errorCode").asText());
        assertTrue(refused.get("remediation").asText().startsWith("add 203.0.113.99 to the IP allowlist of key "
                + CRYPTO.keyFingerprint()), refused.get("remediation").asText());
        // Bybit is bound to the old IP too: caught from the key's own list, not by a refusal.
        JsonNode bybitNow = run("exchange:bybit-main");
        assertEquals("IP_NOT_ALLOWLISTED", bybitNow.get("category").asText(), bybitNow::toString);
    }

    @Test
    void aRotatedKeyIsSeenWithoutARestartAndFingerprintsShowWhereEachCameFrom() throws Exception {
        startAgent();

        JsonNode before = get("/fingerprints");
        assertEquals(2, before.size(), before::toString);
        assertEquals("cryptocom-main", before.get(0).get("credential").asText());
        assertEquals(CRYPTO.keyFingerprint().toString(), before.get(0).get("key").asText());
        assertEquals("env BYBIT_API_KEY+BYBIT_API_SECRET", before.get(1).get("source").asText());

        ApiCredentials rotated = new ApiCredentials("CANARYKEY-cryptocom-rotated-42", "CANARY-SECRET-cryptocom-rot", "");
        Files.writeString(dir.resolve("cryptocom.env"), "CRYPTO_COM_API_KEY=" + rotated.key()
                + "\nCRYPTO_COM_API_SECRET=" + rotated.secret() + "\n");

        assertEquals(rotated.keyFingerprint().toString(), get("/fingerprints").get(0).get("key").asText());
        JsonNode after = run("exchange:cryptocom-main");
        // The exchange does not know the new key yet: the run used it, no restart needed.
        assertEquals(rotated.keyFingerprint().toString(), after.get("details").get("keyFingerprint").asText());
        assertEquals("AUTH_FAILED", after.get("category").asText(), after::toString);
        for (ApiCredentials c : List.of(rotated)) {
            assertFalse(bodies.stream().anyMatch(b -> b.contains(c.secret())));
        }
    }

    @Test
    void aRateLimitedExchangeIsAskedNothingBeforeItsRetryAfterByRunsOnDemandOrAReload() throws Exception {
        bybit.answerEverything(429, Map.of("Retry-After", "600"), "{}");
        Instant before = Instant.now();
        startAgent();

        JsonNode limited = get("/checks/exchange:bybit-main");
        assertEquals("RATE_LIMITED", limited.get("rawCategory").asText(), limited::toString);
        Instant retryAt = Instant.parse(limited.get("retryAt").asText());
        assertTrue(!retryAt.isBefore(before.plusSeconds(600)) && !retryAt.isAfter(Instant.now().plusSeconds(600)),
                retryAt::toString);
        int sent = bybit.log.size();

        JsonNode onDemand = run("exchange:bybit-main");
        assertEquals(limited.get("startedAt"), onDemand.get("startedAt"), "the latest result, not a new run");
        assertEquals(limited.get("retryAt"), onDemand.get("retryAt"));
        assertTrue(agent.reloadConfig().startsWith("reloaded"));
        assertEquals("OK", run("exchange:cryptocom-main").get("status").asText(), "the other host is asked as ever");

        assertEquals(sent, bybit.log.size(), "nothing more reached Bybit: " + bybit.log);
        assertEquals(List.of("credwatch/" + BuildInfo.load().version()), bybit.userAgents.stream().distinct().toList());
        assertEquals(limited.get("retryAt"), get("/checks/exchange:bybit-main").get("retryAt"), "kept over the reload");
    }
}
