package io.credwatch.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.credwatch.check.Category;
import io.credwatch.check.CheckResult;
import io.credwatch.check.Jitter;
import io.credwatch.config.AlertsConfig;
import io.credwatch.config.WebhookConfig;
import io.credwatch.net.LazyHttpClient;
import io.credwatch.testing.TestPools;
import io.credwatch.testing.AnsweringCheck;
import io.credwatch.testing.CheckCore;
import io.credwatch.testing.Fault;
import io.credwatch.testing.FaultyServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * A webhook failing in every way, through the daemon's HTTP client, with an alert raised by a
 * real scheduler: the check's run never waits for it, the call is given up after its attempts
 * (or taken as delivered once the receiver said 2xx, without reading its body), and the log
 * names the host only.
 */
@Timeout(30)
class WebhookFaultsTest {

    /** Like a Slack URL, the path is the secret. */
    static final String PATH = "/services/T000/B000/PATHSECRET-7Qx";
    static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(500));
    /** Every attempt's timeout and the backoffs between them, and a second for building the client on first use. */
    static final Duration GIVE_UP_WITHIN = Duration.ofMillis(3 * 500 + 50 + 100 + 1000);
    /** The receiver answers 200 before its body goes wrong: delivered, and the body is not awaited. */
    static final Set<Fault> ANSWERED_2XX = Set.of(Fault.DRIP, Fault.HUGE);

    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final AnsweringCheck check = AnsweringCheck.of("exchange:bybit-main", "exchange", CheckResult.critical(
            Category.AUTH_FAILED, "bybit refused the key (10003)", "Re-issue the key"));
    final CheckCore scheduler = new CheckCore(List.of(check), Clock.systemUTC(), Jitter.none(), 2, 50);

    @BeforeEach
    void listen() {
        logs.start();
        ((Logger) LoggerFactory.getLogger("io.credwatch.alert")).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger("io.credwatch.alert")).detachAppender(logs);
        scheduler.close();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void theAlertIsGivenUpAfterItsAttemptsWithoutHoldingUpTheCheck(Fault fault) throws Exception {
        try (FaultyServer server = new FaultyServer(fault)) {
            Alerter alerter = new Alerter(() -> new AlertsConfig(Duration.ofHours(6),
                    List.of(new WebhookConfig(server.uri(PATH).toString(), "json"))), scheduler::latest,
                    new AlertOrigin("host-1", "prod"), Clock.systemUTC(), new LazyHttpClient(Duration.ofSeconds(5), TestPools.HTTP_CLIENT),
                    RETRY, scheduler.housekeeping, TestPools.SENDERS);
            scheduler.addListener(alerter);
            try {
                long started = System.nanoTime();
                scheduler.runNow(check.id()).get(5, TimeUnit.SECONDS);
                Duration checkTook = Duration.ofNanos(System.nanoTime() - started);
                boolean settled = alerter.awaitSent(GIVE_UP_WITHIN);
                Duration alertTook = Duration.ofNanos(System.nanoTime() - started);

                String logged = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                        .collect(Collectors.joining("\n"));
                System.out.printf("matrix webhook %s -> %s after %d attempt(s) in %d ms: %s%n", fault,
                        logged.isEmpty() ? "delivered" : "given up", server.connections(), alertTook.toMillis(),
                        logged);
                assertTrue(checkTook.compareTo(Duration.ofMillis(500)) < 0, "the run waited for the webhook: " + checkTook);
                assertTrue(settled, "still sending after " + GIVE_UP_WITHIN);
                if (ANSWERED_2XX.contains(fault)) {
                    assertEquals(1, server.connections());
                    assertEquals("", logged);
                } else {
                    assertEquals(RETRY.attempts(), server.connections(), logged);
                    assertEquals(1, logs.list.size(), logged);
                    assertTrue(logged.startsWith("webhook 127.0.0.1 (json): alert for exchange:bybit-main not delivered ("),
                            logged);
                    assertTrue(logged.endsWith("; gave up"), logged);
                }
                assertFalse(logged.contains("PATHSECRET") || logged.contains(FaultyServer.GARBAGE_MARKER), logged);
                assertFalse(logged.contains(String.valueOf(server.uri().getPort())), "the port is not the host: " + logged);
                assertTrue(server.bodyBytesSent() < FaultyServer.HUGE_BYTES / 2, "read " + server.bodyBytesSent());
            } finally {
                alerter.close();
            }
        }
    }
}
