package io.credwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.alert.AlertOrigin;
import io.credwatch.alert.Alerter;
import io.credwatch.alert.RetryPolicy;
import io.credwatch.alert.WebhookReceiver;
import io.credwatch.check.RunCooldown;
import io.credwatch.check.CheckResult;
import io.credwatch.config.AlertsConfig;
import io.credwatch.config.WebhookConfig;
import io.credwatch.http.HttpApi;
import io.credwatch.http.HttpSettings;
import io.credwatch.http.Views;
import io.credwatch.info.AgentControl;
import io.credwatch.info.AgentInfo;
import io.credwatch.info.BuildInfo;
import io.credwatch.jmx.JmxExporter;
import io.credwatch.metrics.CredwatchMetrics;
import io.credwatch.metrics.MetricsScrape;
import io.credwatch.net.LazyHttpClient;
import io.credwatch.testing.TestPools;
import io.credwatch.systemd.NotifyReceiver;
import io.credwatch.systemd.SystemdNotifier;
import io.credwatch.testing.Await;
import io.credwatch.testing.CheckCore;
import io.credwatch.testing.MetricsRoutes;
import io.credwatch.testing.MutableClock;
import io.credwatch.testing.ScriptedCheck;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A check whose runs stopped finishing (a stuck thread, a wedged scheduler) must not stay
 * OK for ever: once its result is older than twice its interval plus its timeout, every face
 * says UNKNOWN STALE, and the next finished run clears it everywhere.
 */
class StaleOnEveryFaceTest {

    private static final Instant START = Instant.parse("2030-01-02T03:04:05Z");
    private static final String ID = "exchange:bybit-main";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(START);
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final WebhookReceiver webhook = new WebhookReceiver();
    private final ScriptedCheck exchange = new ScriptedCheck(ID).type("exchange").every(Duration.ofMinutes(5))
            .timeout(Duration.ofSeconds(10)).answers(CheckResult.ok("bybit accepts the key"));
    private CheckCore core;
    private HttpApi http;
    private JmxExporter jmx;
    private Alerter alerter;

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {http, jmx, alerter, core, webhook}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // closing what a failed test left half-built
            }
        }
    }

    private String get(String path) throws Exception {
        URI uri = http.uri().resolve(path);
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private int healthStatus() throws Exception {
        return client.send(HttpRequest.newBuilder(http.uri().resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void aCheckWhoseRunsStoppedFinishingIsUnknownStaleOnEveryFaceUntilItRunsAgain() throws Exception {
        webhook.start();
        core = new CheckCore(List.of(exchange), clock, io.credwatch.check.Jitter.none(), 1, 50);
        AgentControl control = new AgentControl() {
            @Override
            public AgentInfo info() {
                return new AgentInfo(1, "host-1", "prod", "AWS", "1.0", "", "", START, List.of());
            }

            @Override
            public String runAllChecks() {
                return "";
            }

            @Override
            public String reloadConfig() {
                return "";
            }
        };
        CredwatchMetrics metrics = new CredwatchMetrics(core::latest, new BuildInfo("1.0", "now"), () -> 0);
        http = new HttpApi(new HttpSettings("127.0.0.1", 0, Optional::empty, RunCooldown.none()), core.store, core.runner,
                new Views(() -> "egress", List::of, Optional.empty(), Optional.of(MetricsRoutes.of(new MetricsScrape(metrics::registry)))),
                clock);
        http.start();
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        jmx = new JmxExporter(mbeans, core.store, core.runner, RunCooldown.none(), control, clock);
        jmx.register();
        alerter = new Alerter(() -> new AlertsConfig(Duration.ofHours(6),
                List.of(new WebhookConfig(webhook.uri("/hook").toString(), "json"))), core::latest,
                new AlertOrigin("host-1", "prod"), clock, new LazyHttpClient(Duration.ofSeconds(5), TestPools.HTTP_CLIENT),
                RetryPolicy.standard(), core.housekeeping, TestPools.SENDERS);
        core.addListener(alerter);
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify").toFile())) {
            List<String> datagrams = systemd.readAll();
            SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", systemd.spec), 1,
                    core.store, core::heartbeats, core.housekeeping);
            core.addListener(notifier);

            core.runNow(ID).get(10, TimeUnit.SECONDS);
            assertEquals("OK", json.readTree(get("/checks/" + ID)).get("status").asText());

            // Ten minutes and eleven seconds without a finished run: past 2 x 5m + 10s.
            clock.advance(Duration.ofMinutes(10).plusSeconds(11));
            core.store.sweepStale();

            JsonNode detail = json.readTree(get("/checks/" + ID));
            assertEquals("UNKNOWN", detail.get("status").asText(), detail.toString());
            assertEquals("STALE", detail.get("category").asText());
            assertTrue(detail.get("summary").asText().startsWith("no run has finished for 10m 1"),
                    detail.get("summary").asText());
            assertEquals("OK", detail.get("rawStatus").asText());
            assertEquals("STALE", json.readTree(get("/checks")).get(0).get("category").asText());
            String health = get("/health");
            assertTrue(health.contains("\"status\":\"warn\""), health);
            String scrape = get("/metrics");
            assertTrue(scrape.contains("credwatch_check_status{check=\"" + ID + "\",type=\"exchange\"} 3.0"), scrape);
            assertTrue(scrape.contains("credwatch_check_stale{check=\"" + ID + "\",type=\"exchange\"} 1.0"), scrape);
            ObjectName bean = new ObjectName("io.credwatch:type=Check,kind=exchange,name=bybit-main");
            assertEquals("UNKNOWN", mbeans.getAttribute(bean, "Status"));
            assertEquals("STALE", mbeans.getAttribute(bean, "Category"));
            assertEquals(true, mbeans.getAttribute(bean, "Stale"));
            assertEquals("OK", mbeans.getAttribute(bean, "RawStatus"));
            assertEquals("UNKNOWN", mbeans.getAttribute(new ObjectName("io.credwatch:type=Agent"), "OverallStatus"));
            assertTrue(alerter.awaitSent(Duration.ofSeconds(10)));
            assertTrue(webhook.bodies("/hook").stream().anyMatch(b -> b.contains("\"STALE\"")), webhook.received.toString());
            awaitDatagram(datagrams, "STALE");

            core.runNow(ID).get(10, TimeUnit.SECONDS);
            assertEquals("OK", json.readTree(get("/checks/" + ID)).get("status").asText());
            assertTrue(get("/metrics").contains("credwatch_check_stale{check=\"" + ID + "\",type=\"exchange\"} 0.0"));
            assertEquals("OK", mbeans.getAttribute(bean, "Status"));
            assertEquals(false, mbeans.getAttribute(bean, "Stale"));
            assertEquals(200, healthStatus());
        }
    }

    private static void awaitDatagram(List<String> datagrams, String text) throws InterruptedException {
        Await.until("a datagram with " + text + " (got " + datagrams + ")", Duration.ofSeconds(10),
                () -> datagrams.stream().anyMatch(d -> d.contains(text)));
    }
}
