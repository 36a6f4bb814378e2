package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.Agent;
import io.credwatch.config.ConfigLoader;
import io.credwatch.config.LoadedConfig;
import io.credwatch.testing.Fault;
import io.credwatch.testing.FaultyServer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon with three exchange accounts whose APIs hang, drip and send 50 MB, beside one
 * healthy account, on one- and two-second intervals, for several rounds: the healthy account
 * keeps its schedule, {@code GET /health} answers all along, and neither the heap nor the
 * agent's threads grow from round to round while the 50 MB answer is served again and again.
 */
@Timeout(90)
class FaultyExchangesAgentTest {

    static final ApiCredentials PAIR = new ApiCredentials("CANARYKEY-faults-0123456789", "CANARY-SECRET-faults-5a5a",
            "CANARY-PASS-faults");
    static final Duration ROUND = Duration.ofSeconds(3);
    static final int ROUNDS = 4;
    static final Duration HEALTH_BOUND = Duration.ofSeconds(1);
    static final long HEAP_MARGIN = 32L << 20;
    static final String GOOD = "exchange:bybit-good";

    @TempDir
    Path dir;
    final ObjectMapper json = new ObjectMapper();
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The agent's threads: not the fault servers', the fakes' or this test's own. */
    static long agentThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> !t.getName().startsWith("fault-server") && !t.getName().startsWith("fake-server")
                        && !t.getName().startsWith("health-poller"))
                .count();
    }

    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * At the largest call budget; KuCoin's run may make two signed calls, so a one-second
     * interval would outspend even that, and it runs every two.
     */
    String account(String id, String type, URI baseUrl, int n) {
        return """
                  - id: %s
                    type: %s
                    baseUrl: %s
                    interval: %s
                    timeout: 500ms
                    maxPrivateCallsPerHour: 3600
                    credentials: { env: [[KEY_%d, SECRET_%d%s]] }
                """.formatted(id, type, baseUrl, type.equals("kucoin") ? "2s" : "1s", n, n,
                type.equals("kucoin") ? ", PASS_" + n : "");
    }

    JsonNode get(URI base, String path) throws Exception {
        return json.readTree(client.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void faultyExchangesHoldUpNothingAndLeaveNothingBehind() throws Exception {
        try (IpEcho echo = new IpEcho("198.51.100.23"); FakeBybit good = new FakeBybit(PAIR);
             FaultyServer hang = new FaultyServer(Fault.HANG); FaultyServer drip = new FaultyServer(Fault.DRIP);
             FaultyServer huge = new FaultyServer(Fault.HUGE)) {
            good.keyInfo = good.keyInfo.replace("\"Withdraw\"", "\"Spot\"").replace("198.51.100.4", "198.51.100.23");
            Path config = Files.writeString(dir.resolve("credwatch.yaml"), """
                    agent: { stateDir: %s, executionContext: AWS }
                    http: { port: 0 }
                    checks:
                      aws-credentials: { enabled: false }
                      egress-ip: { interval: 1h, sources: ["%s"] }
                    exchanges:
                    """.formatted(dir.resolve("state"), echo.uri("/"))
                    + account("bybit-good", "bybit", good.uri(""), 0)
                    + account("bybit-hang", "bybit", hang.uri(), 1)
                    + account("binance-drip", "binance", drip.uri(), 2)
                    + account("kucoin-huge", "kucoin", huge.uri(), 3));
            Map<String, String> env = new java.util.HashMap<>();
            for (int i = 0; i < 4; i++) {
                env.put("KEY_" + i, PAIR.key());
                env.put("SECRET_" + i, PAIR.secret());
                env.put("PASS_" + i, PAIR.passphrase());
            }
            ConfigLoader loader = new ConfigLoader(Map.of(), dir.resolve("none.yaml"));
            LoadedConfig loaded = loader.load(Optional.of(config));

            try (Agent agent = Agent.daemon(loaded, loader, Optional.empty(), env, Clock.systemUTC())) {
                agent.start();
                URI base = agent.httpUri().orElseThrow();
                get(base, "/health"); // the first request builds Jersey's resources: not what is measured
                List<Duration> health = new CopyOnWriteArrayList<>();
                List<String> unanswered = new CopyOnWriteArrayList<>();
                AtomicBoolean polling = new AtomicBoolean(true);
                Thread poller = new Thread(() -> {
                    HttpRequest request = HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(5))
                            .build();
                    while (polling.get()) {
                        long started = System.nanoTime();
                        try {
                            client.send(request, HttpResponse.BodyHandlers.ofString());
                            health.add(Duration.ofNanos(System.nanoTime() - started));
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            unanswered.add(e.getClass().getSimpleName());
                        }
                    }
                }, "health-poller");
                poller.start();

                List<Long> heap = new ArrayList<>();
                List<Long> threads = new ArrayList<>();
                List<Long> goodRuns = new ArrayList<>();
                long firstRunCount = -1;
                long firstAt = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    Thread.sleep(ROUND.toMillis());
                    JsonNode goodNow = get(base, "/checks/" + GOOD);
                    if (round == 0) {
                        firstRunCount = goodNow.get("runCount").asLong();
                        firstAt = System.nanoTime();
                    }
                    assertEquals("OK", goodNow.get("status").asText(), goodNow::toString);
                    goodRuns.add(goodNow.get("runCount").asLong());
                    heap.add(heapAfterGc());
                    threads.add(agentThreads());
                }
                long lastRunCount = goodRuns.get(goodRuns.size() - 1);
                Duration watched = Duration.ofNanos(System.nanoTime() - firstAt);
                polling.set(false);
                poller.join(5000);

                Map<String, String> verdicts = new java.util.LinkedHashMap<>();
                long hugeRuns = 0;
                for (String id : List.of("bybit-hang", "binance-drip", "kucoin-huge")) {
                    JsonNode r = get(base, "/checks/exchange:" + id);
                    verdicts.put(id, r.get("status").asText() + " " + r.get("category").asText() + " (runs "
                            + r.get("runCount").asLong() + ")");
                    hugeRuns = r.get("runCount").asLong();
                }
                Duration slowest = health.stream().max(Duration::compareTo).orElseThrow();
                System.out.printf("faulty exchanges: good runs %s over %d ms; /health %d answers, slowest %d ms; "
                                + "heap after gc %s MB; agent threads %s; %s; huge sent %d MB%n", goodRuns,
                        watched.toMillis(), health.size(), slowest.toMillis(),
                        heap.stream().map(b -> b >> 20).toList(), threads, verdicts, huge.bodyBytesSent() >> 20);

                // At one-second intervals (jittered 10%, plus the run), the healthy account keeps running.
                long expected = watched.toMillis() / 1000;
                assertTrue(lastRunCount - firstRunCount >= expected * 7 / 10,
                        "healthy runs " + goodRuns + " over " + watched);
                assertEquals(List.of(), unanswered, "/health went unanswered");
                assertTrue(health.size() >= ROUNDS * ROUND.toSeconds() * 5, "too few /health answers: " + health.size());
                assertTrue(slowest.compareTo(HEALTH_BOUND) < 0, "slowest /health " + slowest);
                assertTrue(heap.get(ROUNDS - 1) - heap.get(0) < HEAP_MARGIN, "heap grew: " + heap);
                assertTrue(threads.get(ROUNDS - 1) <= threads.get(1) + 2, "threads grew: " + threads);
                assertTrue(hugeRuns >= ROUNDS, "the 50 MB answer was asked for only " + hugeRuns + " times");
                assertTrue(huge.bodyBytesSent() < hugeRuns * FaultyServer.HUGE_BYTES / 4,
                        "the 50 MB answer was read to its end: " + (huge.bodyBytesSent() >> 20) + " MB in " + hugeRuns);
                assertTrue(verdicts.get("bybit-hang").startsWith("UNKNOWN TIMEOUT"), verdicts::toString);
                assertTrue(verdicts.get("binance-drip").startsWith("UNKNOWN TIMEOUT"), verdicts::toString);
                assertTrue(verdicts.get("kucoin-huge").startsWith("UNKNOWN BAD_RESPONSE"), verdicts::toString);
            }
        }
    }
}
