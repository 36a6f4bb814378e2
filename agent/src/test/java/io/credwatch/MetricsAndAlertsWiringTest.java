package io.credwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.config.ConfigLoader;
import io.credwatch.testing.Loopback;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon as wired: an egress IP change shows in {@code /metrics} and goes out to the configured webhook. */
class MetricsAndAlertsWiringTest {

    @TempDir
    Path dir;
    private volatile String egressIp = "198.51.100.23";
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final Loopback fakes = new Loopback() {
        {
            server.createContext("/ip", ex -> send(ex, 200, "text/plain", egressIp + "\n"));
            server.createContext("/hook/T000/B000/secret", ex -> {
                posted.add(read(ex));
                send(ex, 200, "text/plain", "ok");
            });
        }
    }.start();
    private Agent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        fakes.close();
    }

    private Agent start(Path config) throws Exception {
        ConfigLoader loader = new ConfigLoader(Map.of(), dir.resolve("none.yaml"));
        Agent a = Agent.daemon(loader.load(Optional.of(config)), loader, Optional.of(config), Map.of(),
                Clock.systemUTC());
        a.start();
        a.runOnce(List.of());
        return a;
    }

    private String scrape() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(agent.httpUri().orElseThrow().resolve("/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void anEgressChangeIsCountedAndAlerted() throws Exception {
        Path config = Files.writeString(dir.resolve("credwatch.yaml"), """
                agent: { stateDir: %s, environment: soak }
                http: { port: 0 }
                checks:
                  aws-credentials: { enabled: false }
                  egress-ip: { interval: 1h, sources: ["%s"], allowlist: [198.51.100.0/24] }
                alerts:
                  webhooks: [{ url: "%s", format: json }]
                """.formatted(dir.resolve("state"), fakes.uri("/ip"), fakes.uri("/hook/T000/B000/secret")));
        agent = start(config);
        assertTrue(scrape().contains("credwatch_egress_ip_changes_total 0.0"), scrape());
        agent.close();

        egressIp = "198.51.100.99";
        agent = start(config);
        String metrics = scrape();
        assertTrue(metrics.contains("credwatch_check_status{check=\"egress-ip\",type=\"egress-ip\"} 1.0"), metrics);
        assertTrue(metrics.contains("credwatch_egress_ip_changes_total 1.0"), metrics);
        assertTrue(metrics.contains("credwatch_build_info{"), metrics);
        // The root hands the egress check's IP and the configured allowlists to the metrics as typed facts.
        assertTrue(metrics.contains("credwatch_egress_ip_info{ip=\"198.51.100.99\"} 1.0"), metrics);
        assertTrue(metrics.contains("credwatch_egress_ip_allowlisted{account=\"\"} 1.0"), metrics);
        for (int i = 0; i < 400 && posted.isEmpty(); i++) {
            Thread.sleep(25);
        }
        assertEquals(1, posted.size(), posted.toString());
        assertTrue(posted.get(0).startsWith("{\"check\":\"egress-ip\",\"status\":\"WARN\",\"previousStatus\":null,"
                + "\"category\":\"IP_CHANGED\""), posted.get(0));
        assertTrue(posted.get(0).contains("\"environment\":\"soak\""), posted.get(0));
    }

    @Test
    void eachEnabledAccountsAllowlistSaysWhetherItHoldsTheEgressIp() throws Exception {
        Path config = Files.writeString(dir.resolve("credwatch.yaml"), """
                agent: { stateDir: %s, environment: soak }
                http: { port: 0 }
                jmx: { enabled: false }
                checks:
                  aws-credentials: { enabled: false }
                  egress-ip: { interval: 1h, sources: ["%s"] }
                exchanges:
                  - { id: holds, type: bybit, baseUrl: "http://127.0.0.1:9", allowlist: [198.51.100.0/24],
                      credentials: { env: [[NO_KEY, NO_SECRET]] } }
                  - { id: lacks, type: bybit, baseUrl: "http://127.0.0.1:9", allowlist: [203.0.113.7],
                      credentials: { env: [[NO_KEY, NO_SECRET]] } }
                  - { id: unlisted, type: bybit, baseUrl: "http://127.0.0.1:9",
                      credentials: { env: [[NO_KEY, NO_SECRET]] } }
                  - { id: disabled, type: bybit, enabled: false, allowlist: [203.0.113.7],
                      credentials: { env: [[NO_KEY, NO_SECRET]] } }
                """.formatted(dir.resolve("state"), fakes.uri("/ip")));
        agent = start(config);
        String metrics = scrape();
        assertTrue(metrics.contains("credwatch_egress_ip_allowlisted{account=\"holds\"} 1.0"), metrics);
        assertTrue(metrics.contains("credwatch_egress_ip_allowlisted{account=\"lacks\"} 0.0"), metrics);
        // No list configured (no global one, none for these accounts): nothing to be in or out of.
        assertEquals(2, metrics.lines().filter(l -> l.startsWith("credwatch_egress_ip_allowlisted{")).count(), metrics);
    }
}
