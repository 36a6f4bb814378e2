package io.credwatch.sweep;

import io.credwatch.testing.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.alert.WebhookReceiver;
import io.credwatch.systemd.NotifyReceiver;
import io.credwatch.testing.AgentProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets sweep (issue 7): the daemon, as its own JVM, is handed canary secrets every way
 * a host hands them over (see {@link SweptHost}) and driven through every outcome the fakes
 * can produce, status changes, webhooks, reloads good and refused; then everything it showed
 * anyone is searched for every canary, whole and as its middle twelve characters: its
 * stdout and stderr (TRACE for its own code, DEBUG for Jetty, Jersey and the AWS SDK), every
 * HTTP path of the SPEC with body and headers, including refusals, every attribute, operation
 * answer and notification of every io.credwatch MBean, every sd_notify datagram, every
 * webhook request, every file of its state directory, and the stdout and stderr of every
 * command. The search is proven able to find each canary where it was handed over.
 */
@Timeout(300)
class CanarySweepTest {

    private static final Pattern LISTENING = Pattern.compile("HTTP API listening on (http://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private SweptHost host;
    private Process daemon;
    private final Emitted emitted = new Emitted();
    /** The commands, and the files every process's output goes to. */
    private AgentProcess agent;

    @BeforeEach
    void setUp() throws Exception {
        host = new SweptHost(dir);
        agent = AgentProcess.in(dir).env(host.env);
    }

    @AfterEach
    void tearDown() throws Exception {
        // -Dsweep.keep=DIR (in surefire's argLine) keeps the host: configuration, every output, the state.
        if (System.getProperty("sweep.keep") != null) {
            new ProcessBuilder("cp", "-r", dir.toString(), System.getProperty("sweep.keep")).start().waitFor();
        }
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly();
        }
        host.close();
    }

    @Test
    void noCanaryShowsAnywhereTheAgentSpeaks() throws Exception {
        Emitted inputs = new Emitted();
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify").toFile())) {
            List<String> datagrams = systemd.readAll();
            daemon = AgentProcess.in(dir).env(host.env).env(Map.of("NOTIFY_SOCKET", systemd.spec))
                    .start("daemon", "run", "--config", host.config.toString());
            ApiCalls api = new ApiCalls(awaitListening(), emitted);
            awaitReady(api);
            try (AgentJmx jmx = AgentJmx.attach(daemon.pid())) {
                jmx.listen();
                assertOutcomes(api);
                goBadAndRecover(api, jmx, inputs);
                sweepHttp(api);
                sweepJmx(jmx);
                awaitWebhooks();
                reloadRefusedThenAccepted(api);
                emitted.add("JMX reloadConfig()", jmx.invoke(new ObjectName("io.credwatch:type=Agent"), "reloadConfig"));
                emitted.add("JMX after reload", jmx.readEverything());
                emitted.add("JMX notifications", String.join("\n", jmx.notifications));
                assertTrue(jmx.notifications.stream().anyMatch(n -> n.contains("exchange:cryptocom-main")),
                        "no status change notification: " + jmx.notifications);
            }
            stop();
            datagrams.forEach(datagram -> emitted.add("sd_notify", datagram));
        }
        for (WebhookReceiver.Received r : host.webhooks.received) {
            // The receiver's own path is the hook URL: the URL is where the secret is meant to go.
            emitted.add("webhook " + r.path().substring(0, 6) + " headers", r.headers());
            emitted.add("webhook " + r.path().substring(0, 6) + " body", r.body());
        }
        runEveryCommand();
        emitted.addTree("state directory", host.state);
        emitted.add("daemon stdout", Files.readString(agent.stdout("daemon")));
        emitted.add("daemon stderr", Files.readString(agent.stderr("daemon")));

        host.handedOver(inputs);
        assertTheSearchFindsEveryCanaryWhereItWasHandedOver(inputs);
        assertTheSweepSawTheAgentAtWork();
        List<String> leaks = emitted.leaks(SweptHost.CANARIES);
        assertTrue(leaks.isEmpty(), leaks.size() + " leaks in " + emitted.places() + " outputs:\n"
                + String.join("\n", leaks));
    }

    private URI awaitListening() throws Exception {
        Path out = agent.stdout("daemon");
        Await.until("the HTTP API to listen", Duration.ofSeconds(60), () -> Files.exists(out)
                && LISTENING.matcher(read(out)).find());
        Matcher m = LISTENING.matcher(Files.readString(out));
        assertTrue(m.find());
        return URI.create(m.group(1));
    }

    private void awaitReady(ApiCalls api) throws Exception {
        Await.until("every check to run once", Duration.ofSeconds(60), () -> call(() -> api.get("/health/ready")
                .status() == 200));
    }

    /** Each account reached its outcome: the sweep went through all of them, not past them. */
    private void assertOutcomes(ApiCalls api) throws Exception {
        Map<String, String> seen = new LinkedHashMap<>();
        for (JsonNode r : JSON.readTree(api.get("/checks").body())) {
            seen.put(r.get("id").asText(), r.get("status").asText() + " " + r.get("category").asText());
        }
        SweptHost.OUTCOMES.forEach((id, outcome) -> assertEquals(outcome, seen.get(id), id + " in " + seen));
        assertTrue(seen.containsKey("aws-credentials") && seen.containsKey("egress-ip"), seen::toString);
    }

    /**
     * A rotated secret the exchange does not know yet, run over HTTP (CRITICAL), then the
     * right one back, run over JMX (OK): two status changes, each a notification and a
     * webhook to both hooks.
     */
    private void goBadAndRecover(ApiCalls api, AgentJmx jmx, Emitted inputs) throws Exception {
        host.writeCryptoComEnvFile(SweptHost.CRYPTO_ROTATED);
        inputs.addFile("rotated env file", host.deploy.resolve("cryptocom.env"));
        JsonNode bad = JSON.readTree(api.post("/checks/exchange:cryptocom-main/run", null,
                "Authorization", "Bearer " + SweptHost.TOKEN.value()).body());
        assertEquals("AUTH_FAILED", bad.path("category").asText(), bad::toString);
        host.writeCryptoComEnvFile(SweptHost.CRYPTO_SECRET);
        emitted.add("JMX runNow() cryptocom-main", jmx.invoke(
                new ObjectName("io.credwatch:type=Check,kind=exchange,name=cryptocom-main"), "runNow"));
        Await.until("the recovery notification", Duration.ofSeconds(10),
                () -> jmx.notifications.stream().filter(n -> n.contains("exchange:cryptocom-main")).count() >= 2);
    }

    /** Every path of the SPEC, with and without the token, and the refusals a client can provoke. */
    private void sweepHttp(ApiCalls api) throws Exception {
        String bearer = "Bearer " + SweptHost.TOKEN.value();
        assertEquals(503, api.get("/health").status(), "CRITICAL checks make the aggregate fail");
        for (String path : List.of("/health/live", "/health/ready", "/checks", "/egress", "/fingerprints", "/whoami",
                "/metrics")) {
            assertEquals(200, api.get(path).status(), path);
        }
        api.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");
        List<String> ids = new ArrayList<>();
        JSON.readTree(api.get("/checks").body()).forEach(r -> ids.add(r.get("id").asText()));
        for (String id : ids) {
            assertEquals(200, api.get("/checks/" + id).status(), id);
            api.post("/checks/" + id + "/run", null);                                   // 401
            api.post("/checks/" + id + "/run", null, "Authorization", "Bearer not-the-token-0000");  // 401
            api.post("/checks/" + id + "/run", null, "Authorization", bearer);         // 200
            api.post("/checks/" + id + "/run", "{}", "Content-Type", "application/json", "Authorization", bearer); // 429
        }
        api.get("/checks/no-such-check");
        api.get("/no-such-path");
        api.get("/checks", "Accept", "text/html");
        api.send("DELETE", "/checks", java.net.http.HttpRequest.BodyPublishers.noBody());
        api.post("/checks/exchange:kucoin-main/run", "check=all", "Content-Type", "text/plain", "Authorization", bearer);
        api.post("/checks/exchange:kucoin-main/run", "{\"x\":", "Content-Type", "application/json",
                "Authorization", bearer);
        api.raw("foreign Host with the token", "POST /checks/egress-ip/run HTTP/1.1\r\nHost: evil.example\r\n"
                + "Authorization: " + bearer + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        api.raw("TRACE with the token", "TRACE /checks HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + bearer
                + "\r\nConnection: close\r\n\r\n");
        api.raw("OPTIONS", "OPTIONS /fingerprints HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        api.raw("bad request line", "NOT HTTP " + bearer + "\r\n\r\n");
        api.raw("bad escape", "GET /checks/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        api.raw("traversal", "GET /checks/..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        api.raw("huge header", "GET /health HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + bearer
                + "\r\nX-Big: " + "x".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        api.raw("large body", "POST /checks/egress-ip/run HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + bearer
                + "\r\nContent-Type: application/json\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n"
                + "[".repeat(5000));
    }

    private void sweepJmx(AgentJmx jmx) throws Exception {
        emitted.add("JMX attributes and descriptions", jmx.readEverything());
        for (ObjectName name : jmx.names()) {
            if ("Check".equals(name.getKeyProperty("type"))) {
                emitted.add("JMX runNow() " + name, jmx.invoke(name, "runNow"));
            }
        }
        emitted.add("JMX runAllChecks()", jmx.invoke(new ObjectName("io.credwatch:type=Agent"), "runAllChecks"));
        emitted.add("JMX attributes after runs", jmx.readEverything());
    }

    private void awaitWebhooks() throws Exception {
        Await.until("both transitions at both hooks", Duration.ofSeconds(20), () -> host.webhooks.received.stream()
                .filter(r -> r.body().contains("exchange:cryptocom-main")).count() >= 4);
    }

    /** SIGHUP with a secret pasted where its fingerprint belongs (refused, logged), then the good file again. */
    private void reloadRefusedThenAccepted(ApiCalls api) throws Exception {
        String good = Files.readString(host.config);
        Files.writeString(host.config, host.brokenConfigs().get("secret as expectedFingerprint"));
        hangUp();
        awaitInDaemonLog("reload refused: ");
        Files.writeString(host.config, good);
        hangUp();
        awaitInDaemonLog("reloaded ");
        awaitReady(api);
    }

    /** On failure, says what the daemon did write instead: a timeout alone cannot be told from a crash. */
    private void awaitInDaemonLog(String text) throws InterruptedException {
        try {
            Await.until("'" + text + "' in the daemon's log", Duration.ofSeconds(20),
                    () -> read(agent.stdout("daemon")).contains(text));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; its stdout ends with:\n" + tail(agent.stdout("daemon"))
                    + "\nits stderr ends with:\n" + tail(agent.stderr("daemon")), e);
        }
    }

    private static String tail(Path file) {
        String text = read(file);
        return text.substring(Math.max(0, text.length() - 3000));
    }

    private void hangUp() throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid())).start().waitFor());
    }

    private void stop() throws Exception {
        daemon.destroy(); // SIGTERM
        assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM");
        assertEquals(0, daemon.exitValue(), () -> read(agent.stderr("daemon")));
    }

    /** Every command of the SPEC, with the same environment and configuration as the daemon. */
    private void runEveryCommand() throws Exception {
        String config = host.config.toString();
        Map<String, String[]> commands = new LinkedHashMap<>();
        commands.put("check", new String[] {"check", "--config", config});
        commands.put("check-json", new String[] {"check", "--json", "--config", config});
        commands.put("check-only", new String[] {"check", "--only", "exchange:bybit-main", "--config", config});
        commands.put("fingerprint", new String[] {"fingerprint", "--config", config});
        commands.put("fingerprint-json", new String[] {"fingerprint", "--json", "--config", config});
        commands.put("scan", new String[] {"scan", host.deploy.toString(), host.credentials.toString(),
                dir.resolve("token").toString()});
        commands.put("validate", new String[] {"validate", "--config", config});
        commands.put("version", new String[] {"version"});
        int broken = 0;
        for (Map.Entry<String, String> b : host.brokenConfigs().entrySet()) {
            Path file = Files.writeString(dir.resolve("broken-" + broken + ".yaml"), b.getValue());
            commands.put("validate-broken-" + broken++, new String[] {"validate", "--config", file.toString()});
        }
        Map<String, Integer> expected = Map.of("check", 2, "check-json", 2, "check-only", 2, "fingerprint", 2,
                "fingerprint-json", 2, "scan", 2, "validate", 0, "version", 0);
        for (Map.Entry<String, String[]> c : commands.entrySet()) {
            AgentProcess.Finished run = agent.run(c.getKey(), Duration.ofSeconds(60), c.getValue());
            emitted.add("stdout of " + String.join(" ", c.getValue()), run.stdout());
            emitted.add("stderr of " + String.join(" ", c.getValue()), run.stderr());
            int status = expected.getOrDefault(c.getKey(), 78);
            assertEquals(status, run.status(), () -> c.getKey() + ":\n" + run.stdout() + run.stderr());
        }
    }

    /** The test can fail: each canary is found by the same search where the agent was given it. */
    private static void assertTheSearchFindsEveryCanaryWhereItWasHandedOver(Emitted inputs) {
        List<String> found = inputs.leaks(SweptHost.CANARIES);
        for (Canary canary : SweptHost.CANARIES) {
            assertTrue(found.stream().anyMatch(f -> f.startsWith(canary.name() + " in ")),
                    canary.name() + " was never handed over, so its absence proves nothing");
            for (String needle : canary.needles()) {
                Emitted shown = new Emitted();
                shown.add("a form of it", "key=…" + needle + "…");
                assertEquals(1, shown.leaks(List.of(canary)).size(), canary.name() + ": '" + needle + "' is not found");
            }
        }
    }

    /** The outputs searched are the agent at work, not empty answers. */
    private void assertTheSweepSawTheAgentAtWork() {
        for (String expected : List.of("exchange:cryptocom-main", "AUTH_FAILED", "FINGERPRINT_MISMATCH",
                "PLAINTEXT_SECRET", "credwatch_check_status", "\"state\"", "Summary", "READY=1",
                "reload refused: ", "dotenv-secret", "[CRITICAL]", "\"previousStatus\"", "INVALID_CREDENTIALS",
                "ed25519 public len=44 sha256:", "\"publicKeyFingerprint\"",
                SweptHost.CRYPTO_KEY.value().substring(0, 4) + "…")) {
            assertTrue(emitted.anyContains(expected), "nothing emitted contains " + expected);
        }
        assertTrue(emitted.places() > 80, "only " + emitted.places() + " outputs");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private interface Call {
        boolean get() throws Exception;
    }

    private static boolean call(Call call) {
        try {
            return call.get();
        } catch (Exception e) {
            return false;
        }
    }

}
