package io.credwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.config.ConfigLoader;
import io.credwatch.config.LoadedConfig;
import io.credwatch.jmx.LoopbackJmx;
import io.credwatch.systemd.NotifyReceiver;
import io.credwatch.testing.Await;
import io.credwatch.testing.IpEcho;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.AttributeChangeNotification;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole agent as the daemon runs it: config file, checks, HTTP, JMX, state on disk. */
class AgentTest {

    @TempDir
    Path dir;
    private final IpEcho echo = new IpEcho("198.51.100.23");
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Agent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        echo.close();
    }

    private Path writeConfig(String allowlist) throws Exception {
        return Files.writeString(dir.resolve("credwatch.yaml"), """
                agent: { stateDir: %s }
                http: { port: 0 }
                checks:
                  aws-credentials: { enabled: false }
                  egress-ip: { interval: 1h, sources: ["http://127.0.0.1:%d/"], allowlist: [%s] }
                """.formatted(dir.resolve("state"), echo.uri("").getPort(), allowlist));
    }

    private Agent start(Path config) throws Exception {
        return start(config, Map.of());
    }

    private Agent start(Path config, Map<String, String> env) throws Exception {
        ConfigLoader loader = new ConfigLoader(Map.of(), dir.resolve("none.yaml"));
        LoadedConfig loaded = loader.load(Optional.of(config));
        Agent a = Agent.daemon(loaded, loader, Optional.of(config), env, Clock.systemUTC());
        a.start();
        return a;
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI base = agent.httpUri().orElseThrow();
        return client.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode awaitReady() throws Exception {
        for (int i = 0; i < 200; i++) {
            if (get("/health/ready").statusCode() == 200) {
                return json.readTree(get("/checks/egress-ip").body());
            }
            Thread.sleep(25);
        }
        throw new AssertionError("never ready");
    }

    @Test
    void servesHealthChecksAndJmxForTheEgressCheck() throws Exception {
        agent = start(writeConfig("198.51.100.23"));
        JsonNode report = awaitReady();
        assertEquals("OK", report.get("status").asText());
        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("pass", json.readTree(health.body()).get("status").asText());
        assertEquals("198.51.100.23", json.readTree(get("/egress").body()).get("currentIp").asText());
        assertEquals(404, get("/whoami").statusCode());

        var mbeans = ManagementFactory.getPlatformMBeanServer();
        assertEquals("OK", mbeans.getAttribute(new ObjectName("io.credwatch:type=Check,kind=egress,name=egress-ip"), "Status"));
        assertEquals("OK", mbeans.getAttribute(new ObjectName("io.credwatch:type=Agent"), "OverallStatus"));
    }

    /**
     * JConsole's view through reloads, over a real RMI connector to the platform MBean server:
     * subscriptions made before five reloads still hear the change the sixth brings, with the
     * whole change in the user data, and the Agent bean names the culprit.
     */
    @Test
    void aJmxListenerRegisteredBeforeFiveReloadsHearsTheNextChangeWithItsUserData() throws Exception {
        Path config = writeConfig("198.51.100.23");
        agent = start(config);
        awaitReady();
        ObjectName egress = new ObjectName("io.credwatch:type=Check,kind=egress,name=egress-ip");
        ObjectName agentBean = new ObjectName("io.credwatch:type=Agent");
        try (LoopbackJmx remote = new LoopbackJmx(ManagementFactory.getPlatformMBeanServer())) {
            MBeanServerConnection jmx = remote.connection();
            BlockingQueue<Notification> checkNotes = new LinkedBlockingQueue<>();
            BlockingQueue<Notification> agentNotes = new LinkedBlockingQueue<>();
            jmx.addNotificationListener(egress, (n, handback) -> checkNotes.add(n), null, null);
            jmx.addNotificationListener(agentBean, (n, handback) -> agentNotes.add(n), null, null);
            for (int i = 0; i < 5; i++) {
                assertTrue(agent.reloadConfig().startsWith("reloaded"));
            }
            for (int i = 0; i < 5; i++) {
                Notification n = agentNotes.poll(10, TimeUnit.SECONDS);
                assertNotNull(n, "reload " + (i + 1) + " was not announced");
                assertEquals("io.credwatch.reload.applied", n.getType());
            }
            assertEquals("APPLIED", jmx.getAttribute(agentBean, "LastReloadOutcome"));

            // A reload's runs join a run already under way; let the fifth's finish, so the sixth's runs the new allowlist.
            agent.runOnce(List.of("egress-ip"));
            writeConfig("192.0.2.1");
            assertTrue(agent.reloadConfig().startsWith("reloaded"));

            AttributeChangeNotification change = (AttributeChangeNotification) checkNotes.poll(10, TimeUnit.SECONDS);
            assertNotNull(change, "the change after five reloads was not heard");
            CompositeData data = (CompositeData) change.getUserData();
            assertEquals("egress-ip", data.get("id"));
            assertEquals("OK", data.get("previousStatus"));
            assertEquals(change.getNewValue(), data.get("status"));
            assertEquals("IP_NOT_ALLOWLISTED", data.get("category"));
            assertFalse(((String) data.get("remediation")).isEmpty(), data.toString());
            String status = (String) jmx.getAttribute(agentBean, "OverallStatus");
            assertEquals(status, change.getNewValue());
            assertEquals(List.of("OK", "WARN", "CRITICAL", "UNKNOWN").indexOf(status),
                    jmx.getAttribute(agentBean, "OverallStatusCode"));
            assertEquals("egress-ip " + status + " IP_NOT_ALLOWLISTED", jmx.getAttribute(agentBean, "NotOk"));
            assertEquals(Set.of(agentBean, egress), jmx.queryNames(new ObjectName("io.credwatch:*"), null));
        }
    }

    @Test
    void runNowTwiceOverJmxWithinTheCooldownRunsOnce() throws Exception {
        agent = start(writeConfig("198.51.100.23"));
        awaitReady();
        ObjectName egress = new ObjectName("io.credwatch:type=Check,kind=egress,name=egress-ip");
        try (LoopbackJmx remote = new LoopbackJmx(ManagementFactory.getPlatformMBeanServer())) {
            MBeanServerConnection jmx = remote.connection();
            long before = (Long) jmx.getAttribute(egress, "RunCount");
            assertTrue(((String) jmx.invoke(egress, "runNow", null, null)).startsWith("OK NONE"));
            String second = (String) jmx.invoke(egress, "runNow", null, null);
            assertTrue(second.contains("nothing run; may run again at "), second);
            assertEquals(before + 1, jmx.getAttribute(egress, "RunCount"));
        }
    }

    @Test
    void anIpChangeIsReportedAfterARestart() throws Exception {
        Path config = writeConfig("198.51.100.0/24");
        agent = start(config);
        awaitReady();
        agent.close();

        echo.ip.set("198.51.100.99");
        agent = start(config);
        JsonNode report = awaitReady();
        assertEquals("WARN", report.get("status").asText());
        assertEquals("IP_CHANGED", report.get("category").asText());
        assertTrue(report.get("summary").asText().contains("198.51.100.23"), report.toString());
        assertTrue(report.get("summary").asText().contains("198.51.100.99"), report.toString());
        JsonNode changes = json.readTree(get("/egress").body()).get("changes");
        assertEquals(1, changes.size(), changes.toString());
    }

    @Test
    void aReloadKeepsTheChangeTheStateFileCouldNotTake() throws Exception {
        agent = start(writeConfig("198.51.100.0/24"));
        awaitReady();
        Path file = dir.resolve("state").resolve("egress-ip.json");
        Files.delete(file);
        Files.createDirectory(file); // the save's rename onto it fails, for root too
        echo.ip.set("198.51.100.99");
        agent.runOnce(List.of("egress-ip"));
        JsonNode before = json.readTree(get("/egress").body()).get("changes");

        assertTrue(agent.reloadConfig().startsWith("reloaded"));
        agent.runOnce(List.of("egress-ip"));

        JsonNode after = json.readTree(get("/egress").body());
        assertEquals(1, before.size(), before.toString());
        assertEquals(before, after.get("changes"), "the rebuilt check knows the same one change");
        assertTrue(after.get("stateProblem").asText().contains("state not saved"), after.toString());
    }

    @Test
    void aBadReloadKeepsTheRunningConfigurationAndAGoodOneApplies() throws Exception {
        Path config = writeConfig("198.51.100.23");
        agent = start(config);
        awaitReady();

        Files.writeString(config, "checks: { egress-ip: { intervall: 5m } }\n");
        String refused = agent.reloadConfig();
        assertTrue(refused.startsWith("reload refused: checks.egress-ip.intervall: unknown key"), refused);
        assertEquals(200, get("/health").statusCode());
        ObjectName agentBean = new ObjectName("io.credwatch:type=Agent");
        var mbeans = ManagementFactory.getPlatformMBeanServer();
        assertEquals("REFUSED", mbeans.getAttribute(agentBean, "LastReloadOutcome"));
        assertEquals(refused, mbeans.getAttribute(agentBean, "LastReloadAnswer"));

        writeConfig("203.0.113.9");
        assertTrue(agent.reloadConfig().startsWith("reloaded"));
        assertEquals("APPLIED", mbeans.getAttribute(agentBean, "LastReloadOutcome"));
        JsonNode report = json.readTree(client.send(HttpRequest.newBuilder(agent.httpUri().orElseThrow()
                .resolve("/checks/egress-ip/run")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("IP_NOT_ALLOWLISTED", report.get("category").asText(), report.toString());
        assertEquals(503, get("/health").statusCode());
    }

    /** Accounts on a port nothing listens on: their checks say UNKNOWN, which is all this needs. */
    private Path writeAccounts(String... accounts) throws Exception {
        StringBuilder yaml = new StringBuilder("""
                agent: { stateDir: %s }
                http: { port: 0, whoami: true }
                checks:
                  aws-credentials: { enabled: false }
                  egress-ip: { interval: 1h, sources: ["http://127.0.0.1:%d/"] }
                exchanges:
                """.formatted(dir.resolve("state"), echo.uri("").getPort()));
        for (String account : accounts) {
            String[] idAndUrl = account.split(" ", 2);
            yaml.append("""
                      - id: %s
                        type: bybit
                        baseUrl: "%s"
                        interval: 1h
                        credentials: { env: [[BYBIT_API_KEY, BYBIT_API_SECRET]] }
                    """.formatted(idAndUrl[0], idAndUrl[1]));
        }
        return Files.writeString(dir.resolve("credwatch.yaml"), yaml.toString());
    }

    private static void awaitDatagram(List<String> datagrams, String prefix) throws InterruptedException {
        Await.until("a datagram starting " + prefix + " (got " + datagrams + ")", Duration.ofSeconds(10),
                () -> datagrams.stream().anyMatch(d -> d.startsWith(prefix)));
    }

    @Test
    void aReloadThatCannotBeAppliedChangesNothingAnywhereAndEndsReloading() throws Exception {
        Path config = writeAccounts("bybit-a http://127.0.0.1:9/");
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify").toFile())) {
            List<String> datagrams = systemd.readAll();
            agent = start(config, Map.of("NOTIFY_SOCKET", systemd.spec, "BYBIT_API_KEY", "key-0123456789abcdef",
                    "BYBIT_API_SECRET", "secret-0123456789abcdef"));
            awaitReady();
            awaitDatagram(datagrams, "READY=1");
            String fingerprintsBefore = get("/fingerprints").body();
            String whoamiBefore = json.readTree(get("/whoami").body()).get("credentialSources").toString();

            // A query string in a base URL: run could not build the account's check.
            writeAccounts("bybit-a http://127.0.0.1:9/", "bybit-b http://127.0.0.1:9/?category=spot");
            datagrams.clear();
            String answer = agent.reloadConfig();

            assertTrue(answer.startsWith("reload refused: exchanges[1].baseUrl: "), answer);
            awaitDatagram(datagrams, "READY=1");
            assertTrue(datagrams.get(0).startsWith("RELOADING=1"), datagrams.toString());
            String ready = datagrams.stream().filter(d -> d.startsWith("READY=1")).findFirst().orElseThrow();
            assertTrue(ready.contains("; last " + answer + "; previous configuration running"), ready);
            assertEquals(404, get("/checks/exchange:bybit-b").statusCode());
            assertEquals(fingerprintsBefore, get("/fingerprints").body());
            assertEquals(whoamiBefore, json.readTree(get("/whoami").body()).get("credentialSources").toString());

            // And a good reload applies to every endpoint at once.
            writeAccounts("bybit-a http://127.0.0.1:9/", "bybit-b http://127.0.0.1:9/");
            assertTrue(agent.reloadConfig().startsWith("reloaded"));
            assertEquals(200, get("/checks/exchange:bybit-b").statusCode());
            assertTrue(get("/fingerprints").body().contains("bybit-b"));
            assertTrue(get("/whoami").body().contains("bybit-b"));
        }
    }

    /** The agent's threads alive now; Jetty's and the HTTP clients' come and go with traffic, not reloads. */
    private static Set<Thread> agentThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("credwatch-") && !t.getName().startsWith("credwatch-http"))
                .collect(Collectors.toSet());
    }

    @Test
    void twentyReloadsLeaveTheThreadsWhereTheyWere() throws Exception {
        Path config = writeAccounts("bybit-a http://127.0.0.1:9/");
        agent = start(config, Map.of("BYBIT_API_KEY", "key-0123456789abcdef", "BYBIT_API_SECRET",
                "secret-0123456789abcdef"));
        awaitReady();
        // One reload first, so that whatever a reload starts once (a client, a timer) is counted in both.
        writeAccounts("bybit-a http://127.0.0.1:9/", "bybit-b http://127.0.0.1:9/");
        agent.reloadConfig();
        agent.runOnce(List.of());
        Set<Thread> before = agentThreads();

        for (int i = 0; i < 20; i++) {
            if (i % 2 == 0) {
                writeAccounts("bybit-a http://127.0.0.1:9/");
            } else {
                writeAccounts("bybit-a http://127.0.0.1:9/", "bybit-b http://127.0.0.1:9/");
            }
            assertTrue(agent.reloadConfig().startsWith("reloaded"));
            agent.runOnce(List.of());
        }

        // By identity, so that other tests' threads of the same names do not count.
        Set<Thread> started = new HashSet<>(agentThreads());
        started.removeAll(before);
        Map<Boolean, List<String>> byKind = started.stream().map(Thread::getName)
                .collect(Collectors.partitioningBy(n -> n.startsWith("credwatch-check")));
        // The check workers are a fixed pool that starts its threads as runs come, up to its size.
        assertTrue(byKind.get(true).size() <= 8, byKind.toString());
        // One other is a pool replacing a thread that sat idle past its keep-alive on a slow
        // machine; a pool built per reload would be twenty.
        assertTrue(byKind.get(false).size() <= 1, byKind.toString());
    }
}
