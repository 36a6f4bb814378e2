package io.credwatch.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.check.Category;
import io.credwatch.check.CheckReport;
import io.credwatch.check.CheckResult;
import io.credwatch.check.Jitter;
import io.credwatch.check.StatusChange;
import io.credwatch.config.AlertsConfig;
import io.credwatch.config.WebhookConfig;
import io.credwatch.net.LazyHttpClient;
import io.credwatch.testing.TestPools;
import io.credwatch.testing.AnsweringCheck;
import io.credwatch.testing.CheckCore;
import io.credwatch.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Alerts through a real scheduler to a real webhook receiver on loopback. */
class AlerterTest {

    private static final String CANARY = "CANARY-SECRET-Jw4Ux7Np";
    /** Like a Slack URL, the path is the secret: it must never reach a log line. */
    private static final String JSON_PATH = "/services/T000/B000/json-PATHSECRET";
    private static final String SLACK_PATH = "/services/T000/B000/slack-PATHSECRET";
    private static final Instant START = Instant.parse("2030-01-02T03:04:05Z");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(START);
    private final WebhookReceiver receiver = new WebhookReceiver();
    /** Runs far apart: reminders are hours apart, and a result gone stale meanwhile would be news, not a reminder. */
    private final AnsweringCheck check = AnsweringCheck.of("exchange:bybit-main", "exchange",
            CheckResult.ok("bybit accepts the key").withDetail("apiSecret", CANARY)).every(Duration.ofDays(30));
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private CheckCore scheduler;
    private Alerter alerter;
    private RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofSeconds(2));
    private List<WebhookConfig> webhooks;

    @BeforeEach
    void start() {
        receiver.start();
        webhooks = List.of(new WebhookConfig(receiver.uri(JSON_PATH).toString(), "json"),
                new WebhookConfig(receiver.uri(SLACK_PATH).toString(), "slack"));
        scheduler = new CheckCore(List.of(check), clock, Jitter.none(), 2, 50);
        logs.start();
        ((Logger) LoggerFactory.getLogger("io.credwatch.alert")).addAppender(logs);
    }

    private void alerting() {
        alerter = new Alerter(() -> new AlertsConfig(Duration.ofHours(6), webhooks), scheduler::latest,
                new AlertOrigin("host-1", "prod"), clock, new LazyHttpClient(Duration.ofSeconds(2), TestPools.HTTP_CLIENT), retry, scheduler.housekeeping, TestPools.SENDERS);
        scheduler.addListener(alerter);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger("io.credwatch.alert")).detachAppender(logs);
        if (receiver.hangUntil != null) {
            receiver.hangUntil.countDown();
        }
        if (alerter != null) {
            alerter.close();
        }
        scheduler.close();
        receiver.close();
    }

    private CheckReport run(CheckResult answer) throws Exception {
        check.answer(answer);
        return scheduler.runNow(check.id()).get(10, TimeUnit.SECONDS);
    }

    private CheckReport runAndDeliver(CheckResult answer) throws Exception {
        CheckReport report = run(answer);
        assertTrue(alerter.awaitSent(WAIT), "alerts still pending");
        return report;
    }

    private static CheckResult critical() {
        return CheckResult.critical(Category.AUTH_FAILED, "bybit refused the key (10003)",
                "Re-issue the key <and> update it").withDetail("apiSecret", CANARY);
    }

    private List<JsonNode> jsonAlerts() throws Exception {
        List<JsonNode> alerts = new java.util.ArrayList<>();
        for (String body : receiver.bodies(JSON_PATH)) {
            alerts.add(JSON.readTree(body));
        }
        return alerts;
    }

    @Nested
    class Transitions {

        @Test
        void onePostPerTransitionToEachWebhook() throws Exception {
            alerting();
            runAndDeliver(CheckResult.ok("fine"));
            assertEquals(0, receiver.received.size(), "a first run that is OK is not news");
            runAndDeliver(critical());
            runAndDeliver(critical()); // no change: nothing
            runAndDeliver(CheckResult.warn(Category.KEY_EXPIRING, "expires in 5 days", "Renew it"));
            runAndDeliver(CheckResult.ok("fine"));
            List<JsonNode> alerts = jsonAlerts();
            assertEquals(List.of("CRITICAL", "WARN", "OK"), alerts.stream().map(a -> a.get("status").asText()).toList());
            assertEquals(List.of("OK", "CRITICAL", "WARN"),
                    alerts.stream().map(a -> a.get("previousStatus").asText()).toList());
            assertEquals(3, receiver.bodies(SLACK_PATH).size());
            assertEquals(6, receiver.received.size());
        }

        @Test
        void aFirstRunThatIsBadIsSentWithNoPreviousStatus() throws Exception {
            alerting();
            runAndDeliver(critical());
            JsonNode alert = jsonAlerts().get(0);
            assertTrue(alert.get("previousStatus").isNull(), alert.toString());
        }

        @Test
        void theSameTransitionAnnouncedTwiceIsSentOnce() throws Exception {
            alerting();
            run(CheckResult.ok("fine"));
            CheckReport bad = runAndDeliver(critical());
            alerter.onStatusChange(new StatusChange(scheduler.history(check.id()).get(1), bad));
            assertTrue(alerter.awaitSent(WAIT));
            assertEquals(1, receiver.bodies(JSON_PATH).size());
        }

        @Test
        void noDetailAndNoCanaryInAnyBody() throws Exception {
            alerting();
            runAndDeliver(critical());
            runAndDeliver(CheckResult.ok("fine").withDetail("apiSecret", CANARY));
            assertEquals(4, receiver.received.size());
            for (WebhookReceiver.Received r : receiver.received) {
                assertFalse(r.body().contains(CANARY), r.body());
                assertFalse(r.body().contains("apiSecret"), r.body());
                assertEquals("application/json", r.contentType());
            }
        }
    }

    @Nested
    class Bodies {

        @Test
        void jsonCarriesExactlyTheSpecFields() throws Exception {
            alerting();
            run(CheckResult.ok("fine"));
            clock.advance(Duration.ofMinutes(5));
            runAndDeliver(critical());
            assertEquals(List.of("{\"check\":\"exchange:bybit-main\",\"status\":\"CRITICAL\",\"previousStatus\":\"OK\","
                    + "\"category\":\"AUTH_FAILED\",\"summary\":\"bybit refused the key (10003)\","
                    + "\"remediation\":\"Re-issue the key <and> update it\",\"host\":\"host-1\","
                    + "\"environment\":\"prod\",\"at\":\"2030-01-02T03:09:05Z\"}"), receiver.bodies(JSON_PATH));
        }

        @Test
        void slackIsOneTextFieldWithItsMarkupEscaped() throws Exception {
            alerting();
            run(CheckResult.ok("fine"));
            runAndDeliver(critical());
            assertEquals(List.of("{\"text\":\"[CRITICAL] exchange:bybit-main on host-1 (prod) was OK: AUTH_FAILED "
                    + "bybit refused the key (10003)\\nFix: Re-issue the key &lt;and&gt; update it\"}"),
                    receiver.bodies(SLACK_PATH));
        }

        @Test
        void slackReminderSaysStill() throws Exception {
            alerting();
            runAndDeliver(critical());
            clock.advance(Duration.ofHours(6));
            alerter.remind();
            assertTrue(alerter.awaitSent(WAIT));
            assertEquals("{\"text\":\"[CRITICAL] exchange:bybit-main on host-1 (prod) is still CRITICAL: AUTH_FAILED "
                    + "bybit refused the key (10003)\\nFix: Re-issue the key &lt;and&gt; update it\"}",
                    receiver.bodies(SLACK_PATH).get(1));
        }
    }

    @Nested
    class Reminders {

        private void remindAt(Duration sinceStart) throws InterruptedException {
            clock.advance(Duration.between(clock.instant(), START.plus(sinceStart)));
            alerter.remind();
            assertTrue(alerter.awaitSent(WAIT));
        }

        @Test
        void aBadCheckIsRemindedEveryRemindEveryAndNotBefore() throws Exception {
            alerting();
            runAndDeliver(critical());
            remindAt(Duration.ofHours(6).minusSeconds(1));
            assertEquals(1, jsonAlerts().size(), "too early");
            remindAt(Duration.ofHours(6));
            remindAt(Duration.ofHours(6).plusMinutes(1));
            assertEquals(2, jsonAlerts().size(), "one reminder, then the interval starts again");
            JsonNode reminder = jsonAlerts().get(1);
            assertEquals("CRITICAL", reminder.get("status").asText());
            assertEquals("CRITICAL", reminder.get("previousStatus").asText());
            assertEquals("2030-01-02T09:04:05Z", reminder.get("at").asText());
            remindAt(Duration.ofHours(12));
            assertEquals(3, jsonAlerts().size());
        }

        @Test
        void noReminderAfterRecovery() throws Exception {
            alerting();
            runAndDeliver(critical());
            runAndDeliver(CheckResult.ok("fine"));
            remindAt(Duration.ofHours(7));
            assertEquals(List.of("CRITICAL", "OK"), jsonAlerts().stream().map(a -> a.get("status").asText()).toList());
        }

        @Test
        void aTransitionRestartsTheReminderInterval() throws Exception {
            alerting();
            runAndDeliver(critical());
            clock.advance(Duration.ofHours(5));
            runAndDeliver(CheckResult.warn(Category.KEY_EXPIRING, "expires soon", "Renew it"));
            remindAt(Duration.ofHours(6));
            assertEquals(2, jsonAlerts().size());
            remindAt(Duration.ofHours(11));
            assertEquals("WARN", jsonAlerts().get(2).get("status").asText());
        }

        @Test
        void theTimerSendsThemWithoutBeingAsked() throws Exception {
            alerting();
            runAndDeliver(critical());
            alerter.startReminders(Duration.ofMillis(20));
            clock.advance(Duration.ofHours(6));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (receiver.bodies(JSON_PATH).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(alerter.awaitSent(WAIT));
            assertEquals(2, receiver.bodies(JSON_PATH).size());
        }
    }

    @Nested
    class Delivery {

        @Test
        void retriedAfterServerErrorsUntilTaken() throws Exception {
            webhooks = List.of(webhooks.get(0));
            receiver.answers.addAll(List.of(500, 503));
            alerting();
            runAndDeliver(critical());
            List<String> bodies = receiver.bodies(JSON_PATH);
            assertEquals(3, bodies.size());
            assertEquals(1, bodies.stream().distinct().count(), "the same body each time");
            assertTrue(logs.list.isEmpty(), logs.list.toString());
        }

        @Test
        void givesUpAfterThreeAttemptsAndLogsTheHostOnly() throws Exception {
            webhooks = List.of(webhooks.get(0));
            receiver.answers.addAll(List.of(500, 500, 500, 500));
            alerting();
            runAndDeliver(critical());
            assertEquals(3, receiver.received.size());
            assertEquals(1, logs.list.size(), logs.list.toString());
            String line = logs.list.get(0).getFormattedMessage();
            assertTrue(line.contains("127.0.0.1") && line.contains("HTTP 500"), line);
            assertFalse(line.contains("PATHSECRET") || line.contains("/services"), line);
        }

        @Test
        void aRefusalIsNotRetried() throws Exception {
            webhooks = List.of(webhooks.get(0));
            receiver.answers.add(404);
            alerting();
            runAndDeliver(critical());
            assertEquals(1, receiver.received.size());
        }

        @Test
        void aHangingReceiverDelaysNoCheck() throws Exception {
            retry = new RetryPolicy(1, Duration.ofMillis(20), Duration.ofSeconds(30));
            receiver.hangUntil = new CountDownLatch(1);
            alerting();
            long began = System.nanoTime();
            run(critical());
            run(CheckResult.ok("fine"));
            run(critical());
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "checks waited for the webhook: " + took);
            assertFalse(alerter.awaitSent(Duration.ofMillis(200)), "the receiver is still hanging");
            receiver.hangUntil.countDown();
            assertTrue(alerter.awaitSent(WAIT));
            assertEquals(6, receiver.received.size(), "nothing dropped, nothing doubled");
        }

        @Test
        void aHangingReceiverIsCutOffByTheRequestTimeout() throws Exception {
            webhooks = List.of(webhooks.get(0));
            retry = new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(300));
            receiver.hangUntil = new CountDownLatch(1);
            alerting();
            run(critical());
            assertTrue(alerter.awaitSent(Duration.ofSeconds(10)), "the timeout did not cut the call off");
            assertEquals(2, receiver.received.size());
            assertTrue(logs.list.get(0).getFormattedMessage().contains("not delivered (no answer within 300ms)"),
                    logs.list.toString());
        }
    }
}
