package io.credwatch.jmx;

import io.credwatch.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.Category;
import io.credwatch.check.CheckReport;
import io.credwatch.check.CheckResult;
import io.credwatch.check.Jitter;
import io.credwatch.check.RunCooldown;
import io.credwatch.info.ReloadOutcome;
import io.credwatch.testing.CheckCore;
import io.credwatch.testing.ScriptedCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.AttributeChangeNotification;
import javax.management.InstanceAlreadyExistsException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerFactory;
import javax.management.MalformedObjectNameException;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The JMX face as a remote client sees it: every read and call goes through a real RMI
 * connector with plain {@code getAttribute}/{@code invoke}, never a proxy of a credwatch
 * interface, which proves a client needs no credwatch classes.
 */
class JmxExporterTest {

    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    static final Instant STARTED = NOW.minusSeconds(90);

    static final ObjectName AGENT = name("io.credwatch:type=Agent");
    static final ObjectName EGRESS = name("io.credwatch:type=Check,kind=egress,name=egress-ip");
    static final ObjectName EXCHANGE = name("io.credwatch:type=Check,kind=exchange,name=acct");
    static final Duration COOLDOWN = Duration.ofSeconds(5);

    static final CheckResult REFUSED = CheckResult.critical(Category.AUTH_FAILED, "key refused",
            "Re-issue the API key and update the credential");
    static final CheckResult NOT_ALLOWLISTED = CheckResult.warn(Category.IP_NOT_ALLOWLISTED,
            "egress 203.0.113.7 not on the key's allowlist", "Add 203.0.113.7 to the key's IP allowlist");

    MutableClock clock;
    RunCooldown cooldown;
    FakeAgentControl control;
    ScriptedCheck egress;
    ScriptedCheck exchange;
    CheckCore scheduler;
    MBeanServer server;
    JmxExporter exporter;
    LoopbackJmx remote;
    MBeanServerConnection jmx;

    @BeforeEach
    void start() throws Exception {
        clock = new MutableClock(NOW);
        control = new FakeAgentControl(STARTED);
        cooldown = new RunCooldown(clock, COOLDOWN);
        egress = new ScriptedCheck("egress-ip");
        exchange = new ScriptedCheck("exchange:acct");
        scheduler = new CheckCore(List.of(egress, exchange), clock, Jitter.none(), 2, 50);
        server = MBeanServerFactory.newMBeanServer();
        exporter = new JmxExporter(server, scheduler.store, scheduler.runner, cooldown, control, clock);
        exporter.register();
        remote = new LoopbackJmx(server);
        jmx = remote.connection();
    }

    @AfterEach
    void stop() throws Exception {
        remote.close();
        exporter.close();
        scheduler.close();
    }

    @Nested
    class AgentAttributes {

        @Test
        void versionComesFromTheAgentInfo() throws Exception {
            assertEquals("1.2.3", jmx.getAttribute(AGENT, "Version"));
        }

        @Test
        void uptimeCountsFromStartTimeOnTheClock() throws Exception {
            assertEquals(90L, jmx.getAttribute(AGENT, "UptimeSeconds"));
            clock.advance(Duration.ofMinutes(2));
            assertEquals(210L, jmx.getAttribute(AGENT, "UptimeSeconds"));
        }

        @Test
        void overallStatusIsPendingBeforeAnyCheckHasReported() throws Exception {
            assertEquals("PENDING", jmx.getAttribute(AGENT, "OverallStatus"));
            assertEquals(-1, jmx.getAttribute(AGENT, "OverallStatusCode"));
        }

        @Test
        void overallStatusStaysPendingWhileAllThatReportedAreOkAndSomeHaveNotRun() throws Exception {
            run("egress-ip");
            assertEquals("PENDING", jmx.getAttribute(AGENT, "OverallStatus"));
            run("exchange:acct");
            assertEquals("OK", jmx.getAttribute(AGENT, "OverallStatus"));
        }

        @Test
        void aWorseStatusOutranksPending() throws Exception {
            egress.answers(NOT_ALLOWLISTED);
            run("egress-ip");
            assertEquals("WARN", jmx.getAttribute(AGENT, "OverallStatus"));
        }

        @Test
        void overallStatusIsTheWorstLatestStatus() throws Exception {
            egress.answers(NOT_ALLOWLISTED);
            exchange.answers(REFUSED);
            run("egress-ip");
            assertEquals("WARN", jmx.getAttribute(AGENT, "OverallStatus"));
            run("exchange:acct");
            assertEquals("CRITICAL", jmx.getAttribute(AGENT, "OverallStatus"));
        }

        @Test
        void executionContextAndEnvironmentComeFromTheAgentInfo() throws Exception {
            assertEquals("AWS", jmx.getAttribute(AGENT, "ExecutionContext"));
            assertEquals("soak", jmx.getAttribute(AGENT, "Environment"));
        }
    }

    @Nested
    class AgentOperations {

        @Test
        void runAllChecksDelegatesToTheAgentAndReturnsItsAnswer() throws Exception {
            assertEquals(FakeAgentControl.RUN_ALL_ANSWER, jmx.invoke(AGENT, "runAllChecks", null, null));
            assertEquals(1, control.runAllCalls.get());
            assertEquals(0, control.reloadCalls.get());
        }

        @Test
        void reloadConfigDelegatesToTheAgentAndReturnsItsAnswer() throws Exception {
            assertEquals(FakeAgentControl.RELOAD_ANSWER, jmx.invoke(AGENT, "reloadConfig", null, null));
            assertEquals(1, control.reloadCalls.get());
            assertEquals(0, control.runAllCalls.get());
        }
    }

    @Nested
    class CheckBeforeTheFirstRun {

        @Test
        void statusAndCategoryArePendingRatherThanAVerdict() throws Exception {
            assertEquals("PENDING", jmx.getAttribute(EGRESS, "Status"));
            assertEquals("PENDING", jmx.getAttribute(EGRESS, "Category"));
        }

        @Test
        void textsAreEmptyAndCountersZero() throws Exception {
            assertEquals("", jmx.getAttribute(EGRESS, "Summary"));
            assertEquals("", jmx.getAttribute(EGRESS, "Remediation"));
            assertEquals("", jmx.getAttribute(EGRESS, "LastRun"));
            assertEquals(0L, jmx.getAttribute(EGRESS, "LastDurationMillis"));
            assertEquals(0, jmx.getAttribute(EGRESS, "ConsecutiveFailures"));
            assertEquals(0L, jmx.getAttribute(EGRESS, "RunCount"));
            assertEquals(0L, jmx.getAttribute(EGRESS, "FailureCount"));
        }
    }

    @Nested
    class CheckAfterRuns {

        @Test
        void verdictAttributesShowTheLatestResult() throws Exception {
            egress.answers(NOT_ALLOWLISTED);
            run("egress-ip");
            assertEquals("WARN", jmx.getAttribute(EGRESS, "Status"));
            assertEquals("IP_NOT_ALLOWLISTED", jmx.getAttribute(EGRESS, "Category"));
            assertEquals("egress 203.0.113.7 not on the key's allowlist", jmx.getAttribute(EGRESS, "Summary"));
            assertEquals("Add 203.0.113.7 to the key's IP allowlist", jmx.getAttribute(EGRESS, "Remediation"));
        }

        @Test
        void lastRunIsTheStartOfTheLatestRunInIsoUtc() throws Exception {
            run("egress-ip");
            clock.advance(Duration.ofSeconds(75));
            run("egress-ip");
            assertEquals("2025-03-01T12:01:15.000Z", jmx.getAttribute(EGRESS, "LastRun"));
        }

        @Test
        void lastDurationIsHowLongTheLatestRunTook() throws Exception {
            egress.takes(Duration.ofMillis(40));
            CheckReport report = run("egress-ip");
            long shown = (Long) jmx.getAttribute(EGRESS, "LastDurationMillis");
            assertEquals(report.durationMs(), shown);
            assertTrue(shown >= 40, "took at least 40 ms, shown " + shown);
        }

        @Test
        void countersFollowTheScheduler() throws Exception {
            run("egress-ip");
            egress.answers(REFUSED);
            run("egress-ip");
            run("egress-ip");
            assertEquals(2, jmx.getAttribute(EGRESS, "ConsecutiveFailures"));
            assertEquals(3L, jmx.getAttribute(EGRESS, "RunCount"));
            assertEquals(2L, jmx.getAttribute(EGRESS, "FailureCount"));
        }

        @Test
        void aPassingRunResetsConsecutiveFailuresButNotTheFailureCount() throws Exception {
            egress.answers(REFUSED);
            run("egress-ip");
            egress.answers(CheckResult.ok("fine again"));
            run("egress-ip");
            assertEquals(0, jmx.getAttribute(EGRESS, "ConsecutiveFailures"));
            assertEquals(1L, jmx.getAttribute(EGRESS, "FailureCount"));
        }

        @Test
        void eachCheckShowsItsOwnResult() throws Exception {
            exchange.answers(REFUSED);
            run("exchange:acct");
            run("egress-ip");
            assertEquals("CRITICAL", jmx.getAttribute(EXCHANGE, "Status"));
            assertEquals("OK", jmx.getAttribute(EGRESS, "Status"));
            assertEquals("NONE", jmx.getAttribute(EGRESS, "Category"));
        }
    }

    @Nested
    class RunNow {

        @Test
        void runsTheCheckAndReturnsItsVerdict() throws Exception {
            exchange.answers(REFUSED);
            Object answer = jmx.invoke(EXCHANGE, "runNow", null, null);
            assertEquals("CRITICAL AUTH_FAILED: key refused", answer);
            assertEquals(1, exchange.runs());
            assertEquals(0, egress.runs());
        }

        @Test
        void theRunIsRecordedLikeAnyOther() throws Exception {
            jmx.invoke(EGRESS, "runNow", null, null);
            assertEquals(1L, jmx.getAttribute(EGRESS, "RunCount"));
            assertEquals("OK", jmx.getAttribute(EGRESS, "Status"));
        }

        @Test
        void aCheckThatThrowsIsReportedAsUnknownWithoutTheExceptionMessage() throws Exception {
            exchange.throwing(new IllegalStateException("token=abc123"));
            Object answer = jmx.invoke(EXCHANGE, "runNow", null, null);
            assertEquals("UNKNOWN INTERNAL_ERROR: the check failed unexpectedly (IllegalStateException)", answer);
        }
    }

    @Nested
    class StatusNotifications {

        final BlockingQueue<Notification> received = new LinkedBlockingQueue<>();

        @BeforeEach
        void listen() throws Exception {
            jmx.addNotificationListener(EGRESS, (n, handback) -> received.add(n), null, null);
        }

        @Test
        void theFirstRunAnnouncesTheMoveFromPending() throws Exception {
            run("egress-ip");
            AttributeChangeNotification n = next();
            assertEquals(AttributeChangeNotification.ATTRIBUTE_CHANGE, n.getType());
            assertEquals("Status", n.getAttributeName());
            assertEquals(String.class.getName(), n.getAttributeType());
            assertEquals("PENDING", n.getOldValue());
            assertEquals("OK", n.getNewValue());
            assertEquals(EGRESS, n.getSource());
        }

        @Test
        void aChangeCarriesOldAndNewStatusWithAnIncreasingSequenceNumber() throws Exception {
            run("egress-ip");
            egress.answers(REFUSED);
            run("egress-ip");
            AttributeChangeNotification first = next();
            AttributeChangeNotification second = next();
            assertEquals("OK", second.getOldValue());
            assertEquals("CRITICAL", second.getNewValue());
            assertTrue(second.getSequenceNumber() > first.getSequenceNumber(),
                    first.getSequenceNumber() + " then " + second.getSequenceNumber());
            assertEquals(clock.millis(), second.getTimeStamp());
        }

        @Test
        void anUnchangedStatusSendsNothing() throws Exception {
            run("egress-ip");
            run("egress-ip");
            egress.answers(NOT_ALLOWLISTED);
            run("egress-ip");
            // Delivery keeps order, so a notification for the repeated OK would come second.
            AttributeChangeNotification first = next();
            AttributeChangeNotification second = next();
            assertEquals(List.of("PENDING->OK", "OK->WARN"), List.of(
                    first.getOldValue() + "->" + first.getNewValue(),
                    second.getOldValue() + "->" + second.getNewValue()));
        }

        @Test
        void anotherChecksChangeIsNotAnnouncedOnThisOne() throws Exception {
            run("exchange:acct");
            egress.answers(REFUSED);
            run("egress-ip");
            AttributeChangeNotification n = next();
            assertEquals(EGRESS, n.getSource());
            assertEquals("CRITICAL", n.getNewValue());
        }

        @Test
        void theNotificationIsDeclaredInTheMBeanInfo() throws Exception {
            MBeanNotificationInfo[] declared = jmx.getMBeanInfo(EGRESS).getNotifications();
            assertEquals(1, declared.length);
            assertEquals(AttributeChangeNotification.class.getName(), declared[0].getName());
            assertEquals(List.of(AttributeChangeNotification.ATTRIBUTE_CHANGE),
                    Arrays.asList(declared[0].getNotifTypes()));
        }

        private AttributeChangeNotification next() throws InterruptedException {
            Notification n = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(n, "no notification arrived");
            return assertInstanceOf(AttributeChangeNotification.class, n);
        }
    }

    @Nested
    class Names {

        @Test
        void aPlainIdIsUsedAsIs() throws Exception {
            assertTrue(jmx.isRegistered(EGRESS));
        }

        @Test
        void anExchangeCheckIsNamedByKindAndAccountWithoutQuotes() throws Exception {
            assertTrue(jmx.isRegistered(EXCHANGE));
            assertEquals("io.credwatch:type=Check,kind=exchange,name=acct", EXCHANGE.toString());
            assertFalse(jmx.queryNames(name("io.credwatch:type=Check,*"), null).toString().contains("\""));
            assertEquals("exchange:acct", jmx.getAttribute(EXCHANGE, "Id"));
            exchange.answers(REFUSED);
            assertEquals("CRITICAL AUTH_FAILED: key refused", jmx.invoke(EXCHANGE, "runNow", null, null));
            assertEquals("CRITICAL", jmx.getAttribute(EXCHANGE, "Status"));
        }

        @Test
        void thereIsOneCheckBeanPerCheckAndOneAgent() throws Exception {
            assertEquals(Set.of(AGENT, EGRESS, EXCHANGE), jmx.queryNames(name("io.credwatch:*"), null));
        }

        @Test
        void checkBeansAreMXBeans() throws Exception {
            assertEquals("true", jmx.getMBeanInfo(EGRESS).getDescriptor().getFieldValue("mxbean"));
        }
    }

    @Nested
    class TheCulpritAtAGlance {

        @Test
        void notOkNamesTheChecksThatAreNotOkWorstFirst() throws Exception {
            assertEquals("egress-ip PENDING, exchange:acct PENDING", jmx.getAttribute(AGENT, "NotOk"));
            egress.answers(NOT_ALLOWLISTED);
            exchange.answers(REFUSED);
            run("egress-ip");
            run("exchange:acct");
            assertEquals("exchange:acct CRITICAL AUTH_FAILED, egress-ip WARN IP_NOT_ALLOWLISTED",
                    jmx.getAttribute(AGENT, "NotOk"));
            egress.answers(CheckResult.ok("fine"));
            exchange.answers(CheckResult.ok("fine"));
            run("egress-ip");
            run("exchange:acct");
            assertEquals("", jmx.getAttribute(AGENT, "NotOk"));
        }

        @Test
        void statusCountsCountTheChecksInEachStatus() throws Exception {
            CompositeData before = (CompositeData) jmx.getAttribute(AGENT, "StatusCounts");
            assertEquals(2, before.get("pending"));
            exchange.answers(REFUSED);
            run("exchange:acct");
            CompositeData after = (CompositeData) jmx.getAttribute(AGENT, "StatusCounts");
            assertEquals(List.of(0, 0, 1, 0, 1), List.of(after.get("ok"), after.get("warn"), after.get("critical"),
                    after.get("unknown"), after.get("pending")));
        }

        @Test
        void checksIsATableOfEveryCheckAsOpenData() throws Exception {
            exchange.answers(REFUSED);
            run("exchange:acct");
            CompositeData[] rows = (CompositeData[]) jmx.getAttribute(AGENT, "Checks");
            assertEquals(2, rows.length);
            assertEquals("egress-ip", rows[0].get("id"));
            assertEquals("PENDING", rows[0].get("status"));
            assertEquals(-1, rows[0].get("statusCode"));
            CompositeData failing = rows[1];
            assertEquals(List.of("exchange:acct", "exchange", "CRITICAL", 2, "AUTH_FAILED", "key refused",
                    "Re-issue the API key and update the credential", "2025-03-01T12:00:00.000Z"),
                    List.of(failing.get("id"), failing.get("kind"), failing.get("status"), failing.get("statusCode"),
                            failing.get("category"), failing.get("summary"), failing.get("remediation"),
                            failing.get("statusSince")));
        }

        @Test
        void anOverallChangeIsNotifiedWithTheCulpritInItsUserData() throws Exception {
            BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
            jmx.addNotificationListener(AGENT, (n, handback) -> received.add(n), null, null);
            run("egress-ip"); // still PENDING overall: exchange:acct has not run
            exchange.answers(REFUSED);
            run("exchange:acct");
            AttributeChangeNotification n = assertInstanceOf(AttributeChangeNotification.class,
                    received.poll(10, TimeUnit.SECONDS));
            assertEquals("OverallStatus", n.getAttributeName());
            assertEquals("PENDING", n.getOldValue());
            assertEquals("CRITICAL", n.getNewValue());
            CompositeData data = (CompositeData) n.getUserData();
            assertEquals("CRITICAL", data.get("status"));
            assertEquals(2, data.get("statusCode"));
            assertEquals("PENDING", data.get("previousStatus"));
            assertEquals("exchange:acct CRITICAL AUTH_FAILED", data.get("notOk"));
            assertEquals("2025-03-01T12:00:00.000Z", data.get("time"));
        }
    }

    @Nested
    class StatusCodesToChart {

        @Test
        void theCodeMatchesTheTextOnTheAgentAndEachCheck() throws Exception {
            assertCodes(-1, "PENDING");
            // First, as flap tolerance reports an inconclusive run at once only when there is no verdict to hold.
            exchange.answers(CheckResult.unknown(Category.TIMEOUT, "no answer", ""));
            run("exchange:acct");
            assertCodes(3, "UNKNOWN");
            exchange.answers(CheckResult.ok("fine"));
            run("egress-ip");
            run("exchange:acct");
            assertCodes(0, "OK");
            exchange.answers(NOT_ALLOWLISTED);
            run("exchange:acct");
            assertCodes(1, "WARN");
            exchange.answers(REFUSED);
            run("exchange:acct");
            assertCodes(2, "CRITICAL");
        }

        private void assertCodes(int code, String status) throws Exception {
            assertEquals(status, jmx.getAttribute(AGENT, "OverallStatus"));
            assertEquals(code, jmx.getAttribute(AGENT, "OverallStatusCode"));
            assertEquals(status, jmx.getAttribute(EXCHANGE, "Status"));
            assertEquals(code, jmx.getAttribute(EXCHANGE, "StatusCode"));
        }

        @Test
        void theLegalValuesAreDeclaredInTheDescriptors() throws Exception {
            Set<String> statuses = Set.of("OK", "WARN", "CRITICAL", "UNKNOWN", "PENDING");
            assertEquals(statuses, legalValues(AGENT, "OverallStatus"));
            assertEquals(statuses, legalValues(EGRESS, "Status"));
            assertEquals(Set.of(-1, 0, 1, 2, 3), legalValues(EGRESS, "StatusCode"));
            assertTrue(legalValues(EGRESS, "Category").containsAll(Set.of("NONE", "AUTH_FAILED", "STALE", "PENDING")));
        }

        private Set<?> legalValues(ObjectName bean, String attribute) throws Exception {
            MBeanAttributeInfo info = Arrays.stream(jmx.getMBeanInfo(bean).getAttributes())
                    .filter(a -> a.getName().equals(attribute)).findFirst().orElseThrow();
            return (Set<?>) info.getDescriptor().getFieldValue("legalValues");
        }
    }

    @Nested
    class SinceWhen {

        @Test
        void statusSinceIsWhenTheCurrentStatusBegan() throws Exception {
            run("egress-ip");
            clock.advance(Duration.ofMillis(61_250));
            egress.answers(REFUSED);
            run("egress-ip");
            clock.advance(Duration.ofMinutes(1));
            run("egress-ip");
            assertEquals("2025-03-01T12:01:01.250Z", jmx.getAttribute(EGRESS, "StatusSince"));
        }

        @Test
        void lastOkIsTheStartOfTheLatestOkRun() throws Exception {
            assertEquals("", jmx.getAttribute(EGRESS, "LastOk"));
            run("egress-ip");
            clock.advance(Duration.ofMinutes(1));
            run("egress-ip");
            clock.advance(Duration.ofMinutes(1));
            egress.answers(REFUSED);
            run("egress-ip");
            assertEquals("2025-03-01T12:01:00.000Z", jmx.getAttribute(EGRESS, "LastOk"));
        }

        @Test
        void intervalAndSecondsSinceTheLastRun() throws Exception {
            assertEquals(3600L, jmx.getAttribute(EGRESS, "IntervalSeconds"));
            assertEquals(-1L, jmx.getAttribute(EGRESS, "SecondsSinceLastRun"));
            run("egress-ip");
            clock.advance(Duration.ofSeconds(42));
            assertEquals(42L, jmx.getAttribute(EGRESS, "SecondsSinceLastRun"));
        }
    }

    @Nested
    class RunNowCooldown {

        @Test
        void twiceWithinTheCooldownRunsOnceAndSaysWhenItMayRunAgain() throws Exception {
            exchange.answers(REFUSED);
            assertEquals("CRITICAL AUTH_FAILED: key refused", jmx.invoke(EXCHANGE, "runNow", null, null));
            clock.advance(Duration.ofSeconds(2));
            assertEquals("CRITICAL AUTH_FAILED: key refused (run on demand too recently, nothing run; "
                    + "may run again at 2025-03-01T12:00:05.000Z)", jmx.invoke(EXCHANGE, "runNow", null, null));
            assertEquals(1, exchange.runs());
        }

        @Test
        void afterTheCooldownItRunsAgain() throws Exception {
            jmx.invoke(EXCHANGE, "runNow", null, null);
            clock.advance(COOLDOWN);
            jmx.invoke(EXCHANGE, "runNow", null, null);
            assertEquals(2, exchange.runs());
        }

        @Test
        void eachCheckHasItsOwnSlot() throws Exception {
            jmx.invoke(EXCHANGE, "runNow", null, null);
            jmx.invoke(EGRESS, "runNow", null, null);
            assertEquals(1, exchange.runs());
            assertEquals(1, egress.runs());
        }
    }

    @Nested
    class Reloads {

        final BlockingQueue<Notification> received = new LinkedBlockingQueue<>();

        @Test
        void aListenerRegisteredBeforeFiveReloadsHearsTheNextChangeWithItsUserData() throws Exception {
            jmx.addNotificationListener(EXCHANGE, (n, handback) -> received.add(n), null, null);
            run("exchange:acct");
            long before = assertInstanceOf(AttributeChangeNotification.class, received.poll(10, TimeUnit.SECONDS))
                    .getSequenceNumber();
            for (int i = 0; i < 5; i++) {
                scheduler.replace(List.of(egress, exchange));
            }
            exchange.answers(REFUSED);
            run("exchange:acct");

            AttributeChangeNotification n = assertInstanceOf(AttributeChangeNotification.class,
                    received.poll(10, TimeUnit.SECONDS));
            assertTrue(n.getSequenceNumber() > before, before + " then " + n.getSequenceNumber());
            CompositeData data = (CompositeData) n.getUserData();
            assertEquals(List.of("exchange:acct", "exchange", "CRITICAL", 2, "OK", "AUTH_FAILED", "key refused",
                    "Re-issue the API key and update the credential", "2025-03-01T12:00:00.000Z"),
                    List.of(data.get("id"), data.get("kind"), data.get("status"), data.get("statusCode"),
                            data.get("previousStatus"), data.get("category"), data.get("summary"),
                            data.get("remediation"), data.get("time")));
        }

        @Test
        void onlyChecksAddedOrRemovedComeAndGo() throws Exception {
            ScriptedCheck added = new ScriptedCheck("exchange:other");
            scheduler.replace(List.of(egress, added));
            assertEquals(Set.of(AGENT, EGRESS, name("io.credwatch:type=Check,kind=exchange,name=other")),
                    jmx.queryNames(name("io.credwatch:*"), null));
        }

        @Test
        void aRemovedFailingCheckClearsTheOverallStatus() throws Exception {
            jmx.addNotificationListener(AGENT, (n, handback) -> received.add(n), null, null);
            run("egress-ip");
            exchange.answers(REFUSED);
            run("exchange:acct");
            scheduler.replace(List.of(egress));
            AttributeChangeNotification first = assertInstanceOf(AttributeChangeNotification.class,
                    received.poll(10, TimeUnit.SECONDS));
            AttributeChangeNotification second = assertInstanceOf(AttributeChangeNotification.class,
                    received.poll(10, TimeUnit.SECONDS));
            assertEquals("PENDING->CRITICAL, CRITICAL->OK", first.getOldValue() + "->" + first.getNewValue() + ", "
                    + second.getOldValue() + "->" + second.getNewValue());
        }

        @Test
        void theAgentBeanKeepsAndAnnouncesHowTheLatestReloadEnded() throws Exception {
            assertEquals("NONE", jmx.getAttribute(AGENT, "LastReloadOutcome"));
            assertEquals("", jmx.getAttribute(AGENT, "LastReload"));
            jmx.addNotificationListener(AGENT, (n, handback) -> received.add(n), null, null);

            exporter.reloaded(new ReloadOutcome(NOW.plusMillis(1500), true, "reloaded /etc/credwatch.yaml; 2 checks"));
            exporter.reloaded(new ReloadOutcome(NOW.plusSeconds(9), false,
                    "reload refused: checks.egress-ip.interval: not a duration"));

            Notification applied = received.poll(10, TimeUnit.SECONDS);
            Notification refused = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(refused, "no refusal notification");
            assertEquals("io.credwatch.reload.applied", applied.getType());
            assertEquals("io.credwatch.reload.refused", refused.getType());
            assertEquals("reload refused: checks.egress-ip.interval: not a duration", refused.getMessage());
            assertTrue(refused.getSequenceNumber() > applied.getSequenceNumber());
            CompositeData data = (CompositeData) refused.getUserData();
            assertEquals(List.of("REFUSED", "reload refused: checks.egress-ip.interval: not a duration",
                    "2025-03-01T12:00:09.000Z"), List.of(data.get("outcome"), data.get("answer"), data.get("time")));
            assertEquals("REFUSED", jmx.getAttribute(AGENT, "LastReloadOutcome"));
            assertEquals("2025-03-01T12:00:09.000Z", jmx.getAttribute(AGENT, "LastReload"));
            assertEquals("reload refused: checks.egress-ip.interval: not a duration",
                    jmx.getAttribute(AGENT, "LastReloadAnswer"));
        }
    }

    @Nested
    class HelpTextForJConsole {

        @Test
        void agentMembersAreDescribedForJConsole() throws Exception {
            MBeanInfo info = jmx.getMBeanInfo(AGENT);
            assertTrue(info.getDescription().startsWith("The credwatch agent"), info.getDescription());
            assertEquals("Seconds since the agent started", attribute(info, "UptimeSeconds").getDescription());
            assertTrue(operation(info, "reloadConfig").getDescription().startsWith("Re-read the configuration"));
            assertEquals(MBeanOperationInfo.ACTION_INFO, operation(info, "runAllChecks").getImpact());
            assertEquals(MBeanOperationInfo.ACTION_INFO, operation(info, "reloadConfig").getImpact());
        }

        @Test
        void checkMembersAreDescribedForJConsole() throws Exception {
            MBeanInfo info = jmx.getMBeanInfo(EXCHANGE);
            assertTrue(info.getDescription().startsWith("One credwatch check"), info.getDescription());
            assertTrue(attribute(info, "Status").getDescription().contains("PENDING before the first run"));
            assertTrue(operation(info, "runNow").getDescription().startsWith("Run this check now"));
            assertEquals(MBeanOperationInfo.ACTION_INFO, operation(info, "runNow").getImpact());
        }

        @Test
        void everyAttributeIsReadOnlyAndDescribed() throws Exception {
            for (ObjectName bean : List.of(AGENT, EGRESS)) {
                for (MBeanAttributeInfo a : jmx.getMBeanInfo(bean).getAttributes()) {
                    assertFalse(a.isWritable(), a.getName() + " of " + bean);
                    assertFalse(a.getDescription().equals(a.getName()), a.getName() + " of " + bean + " has no text");
                }
            }
        }

        private MBeanAttributeInfo attribute(MBeanInfo info, String name) {
            return Arrays.stream(info.getAttributes()).filter(a -> a.getName().equals(name)).findFirst().orElseThrow();
        }

        private MBeanOperationInfo operation(MBeanInfo info, String name) {
            return Arrays.stream(info.getOperations()).filter(o -> o.getName().equals(name)).findFirst().orElseThrow();
        }
    }

    @Nested
    class Secrets {

        static final String SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";

        @Test
        void noAttributeOperationOrNotificationShowsAResultsDetails() throws Exception {
            BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
            jmx.addNotificationListener(EXCHANGE, (n, handback) -> received.add(n), null, null);
            exchange.answers(REFUSED.withDetail("apiSecret", SECRET));

            List<String> shown = new ArrayList<>();
            shown.add(String.valueOf(jmx.invoke(EXCHANGE, "runNow", null, null)));
            AttributeChangeNotification change = (AttributeChangeNotification) received.poll(10, TimeUnit.SECONDS);
            assertNotNull(change, "no notification arrived");
            shown.add(change.getMessage() + " " + change.getOldValue() + " " + change.getNewValue()
                    + " " + change.getUserData());
            for (ObjectName bean : List.of(AGENT, EXCHANGE)) {
                for (MBeanAttributeInfo a : jmx.getMBeanInfo(bean).getAttributes()) {
                    shown.add(a.getName() + "=" + jmx.getAttribute(bean, a.getName()));
                }
            }
            assertTrue(shown.stream().anyMatch(s -> s.contains("key refused")), "the summary is shown: " + shown);
            assertFalse(shown.stream().anyMatch(s -> s.contains(SECRET)), "a detail leaked: " + shown);
        }
    }

    @Nested
    class Closing {

        @Test
        void unregistersEverythingItRegistered() throws Exception {
            exporter.close();
            assertEquals(Set.of(), jmx.queryNames(name("io.credwatch:*"), null));
        }

        @Test
        void leavesOtherBeansAlone() throws Exception {
            ObjectName bystander = name("io.credwatch:type=Bystander");
            server.registerMBean(unrelatedBean(), bystander);
            exporter.close();
            assertEquals(Set.of(bystander), jmx.queryNames(name("io.credwatch:*"), null));
        }

        @Test
        void isIdempotent() throws Exception {
            exporter.close();
            exporter.close();
            assertFalse(jmx.isRegistered(AGENT));
        }

        @Test
        void doesNotThrowWhenABeanIsAlreadyGone() throws Exception {
            server.unregisterMBean(EGRESS);
            exporter.close();
            assertEquals(Set.of(), jmx.queryNames(name("io.credwatch:*"), null));
        }

        @Test
        void aClosedExporterCannotRegisterAgain() {
            exporter.close();
            assertThrows(IllegalStateException.class, exporter::register);
        }

        @Test
        void checksStillRunAfterTheExporterIsClosed() throws Exception {
            exporter.close();
            egress.answers(REFUSED);
            assertEquals(Category.AUTH_FAILED, run("egress-ip").category());
        }
    }

    @Nested
    class Registering {

        @Test
        void aTakenNameLeavesNothingBehind() throws Exception {
            exporter.close();
            server.registerMBean(unrelatedBean(), EXCHANGE);

            JmxExporter second = new JmxExporter(server, scheduler.store, scheduler.runner, cooldown, control,
                    clock);
            assertThrows(InstanceAlreadyExistsException.class, second::register);
            assertEquals(Set.of(EXCHANGE), jmx.queryNames(name("io.credwatch:*"), null),
                    "the Agent and egress-ip beans registered before the clash are removed again");
        }

        @Test
        void registeringTwiceIsRefused() {
            assertThrows(IllegalStateException.class, exporter::register);
        }
    }

    private CheckReport run(String id) throws Exception {
        return scheduler.runNow(id).get(10, TimeUnit.SECONDS);
    }

    /** Some other component's bean, sharing the server (and here the domain) with credwatch. */
    private static StandardMBean unrelatedBean() throws Exception {
        return new StandardMBean((Runnable) () -> { }, Runnable.class);
    }

    static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
