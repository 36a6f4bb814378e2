package io.credwatch.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.Category;
import io.credwatch.check.CheckResult;
import io.credwatch.check.Jitter;
import io.credwatch.testing.CheckCore;
import io.credwatch.testing.ScriptedCheck;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The datagrams systemd receives, read back from a real AF_UNIX datagram socket. */
class SystemdNotifierTest {

    private static final long PID = 4242;

    @TempDir
    Path dir;
    private final ScriptedCheck exchange = new ScriptedCheck("exchange:bybit-main");
    private final ScriptedCheck egress = new ScriptedCheck("egress-ip");
    private final CheckCore scheduler = new CheckCore(List.of(egress, exchange), Clock.systemUTC(),
            Jitter.none(), 2, 5);
    private NotifyReceiver systemd;
    private SystemdNotifier notifier;

    @AfterEach
    void stop() throws Exception {
        if (notifier != null) {
            notifier.stopping();
        }
        scheduler.close();
        if (systemd != null) {
            systemd.close();
        }
    }

    private SystemdNotifier notifierFor(Map<String, String> env) {
        notifier = SystemdNotifier.fromEnvironment(env, PID, scheduler.store, scheduler::heartbeats, scheduler.housekeeping);
        scheduler.addListener(notifier);
        return notifier;
    }

    /** A notifier talking to a socket bound at a path, with these extra variables. */
    private SystemdNotifier listening(String... extraEnv) throws Exception {
        systemd = NotifyReceiver.atPath(dir.resolve("notify").toFile());
        Map<String, String> env = new java.util.HashMap<>(Map.of("NOTIFY_SOCKET", systemd.spec));
        for (int i = 0; i < extraEnv.length; i += 2) {
            env.put(extraEnv[i], extraEnv[i + 1]);
        }
        return notifierFor(env);
    }

    private void runBoth() throws Exception {
        scheduler.runNow("egress-ip").get(10, TimeUnit.SECONDS);
        scheduler.runNow("exchange:bybit-main").get(10, TimeUnit.SECONDS);
    }

    @Nested
    class Sockets {
        @Test
        void readyReachesASocketAtAPath() throws Exception {
            listening().ready();
            assertEquals("READY=1\nSTATUS=OK: 0 of 2 checks reported", systemd.next());
        }

        @Test
        void anAtSignMeansTheAbstractNamespace() throws Exception {
            systemd = NotifyReceiver.abstractNamed("credwatch-test-" + UUID.randomUUID());
            assertTrue(systemd.spec.startsWith("@"));
            notifierFor(Map.of("NOTIFY_SOCKET", systemd.spec)).ready();
            assertEquals("READY=1\nSTATUS=OK: 0 of 2 checks reported", systemd.next());
        }
    }

    @Nested
    class Messages {
        @Test
        void everyStatusChangeSendsTheOverallLine() throws Exception {
            listening();
            exchange.answers(CheckResult.critical(Category.IP_NOT_ALLOWLISTED, "not allowlisted", "add it"));
            runBoth();
            assertEquals("STATUS=OK: 1 of 2 checks reported", systemd.next());
            assertEquals("STATUS=CRITICAL: 2 checks; exchange:bybit-main CRITICAL IP_NOT_ALLOWLISTED", systemd.next());
            exchange.answers(CheckResult.ok("fine"));
            runBoth(); // egress-ip stays OK: no change, no datagram
            assertEquals("STATUS=OK: 2 checks", systemd.next());
        }

        @Test
        void aReloadIsBracketedByReloadingAndReadyAndARefusalShowsInTheStatus() throws Exception {
            listening();
            notifier.reloading();
            String reloading = systemd.next();
            assertTrue(reloading.matches("RELOADING=1\nMONOTONIC_USEC=[0-9]+\nSTATUS=reloading the configuration"),
                    reloading);
            notifier.reloaded(Optional.of("reload refused: http.port: 70000 is not a port number (0-65535)"));
            assertEquals("READY=1\nSTATUS=OK: 0 of 2 checks reported; last reload refused: http.port: 70000 is not"
                    + " a port number (0-65535); previous configuration running", systemd.next());
            notifier.reloaded(Optional.empty());
            assertEquals("READY=1\nSTATUS=OK: 0 of 2 checks reported", systemd.next());
        }

        @Test
        void stoppingSaysSo() throws Exception {
            listening().stopping();
            assertEquals("STOPPING=1\nSTATUS=stopping", systemd.next());
            notifier = null;
        }
    }

    @Nested
    class Watchdogs {
        @Test
        void pingsOnlyWhenTheHeartbeatMovedSinceTheLastPeriod() throws Exception {
            listening();
            AtomicLong heartbeat = new AtomicLong();
            Watchdog watchdog = new Watchdog(heartbeat::get);
            notifier.ping(watchdog); // no beat yet: silent
            heartbeat.incrementAndGet();
            notifier.ping(watchdog);
            notifier.ping(watchdog); // wedged since: silent
            notifier.stopping();
            notifier = null;
            // Datagrams arrive in order: exactly one ping came before STOPPING.
            assertEquals("WATCHDOG=1", systemd.next());
            assertEquals("STOPPING=1\nSTATUS=stopping", systemd.next());
        }

        @Test
        void aRunningSchedulerFeedsTheWatchdogEveryHalfPeriod() throws Exception {
            // 1.2 s watchdog: a ping every 0.6 s; the 1 s heartbeat moves at least every other one.
            listening("WATCHDOG_USEC", "1200000");
            scheduler.start();
            notifier.ready();
            assertTrue(systemd.nextAnnouncement().startsWith("READY=1\nSTATUS="));
            assertEquals("WATCHDOG=1", systemd.nextAnnouncement());
        }

        @Test
        void theIntervalIsHalfOfWatchdogUsecAndOnlyForThisProcess() {
            assertEquals(Optional.of(Duration.ofSeconds(30)),
                    SystemdNotifier.pingInterval(Map.of("WATCHDOG_USEC", "60000000"), PID));
            assertEquals(Optional.of(Duration.ofSeconds(30)),
                    SystemdNotifier.pingInterval(Map.of("WATCHDOG_USEC", "60000000", "WATCHDOG_PID", "4242"), PID));
            assertEquals(Optional.empty(),
                    SystemdNotifier.pingInterval(Map.of("WATCHDOG_USEC", "60000000", "WATCHDOG_PID", "1"), PID));
            assertEquals(Optional.empty(), SystemdNotifier.pingInterval(Map.of("WATCHDOG_USEC", "soon"), PID));
            assertEquals(Optional.empty(), SystemdNotifier.pingInterval(Map.of(), PID));
        }
    }

    @Nested
    class WithoutSystemd {
        @Test
        void nothingHappensWhenNotifySocketIsUnset() throws Exception {
            notifierFor(Map.of("WATCHDOG_USEC", "1000000"));
            assertFalse(notifier.enabled());
            scheduler.start();
            notifier.ready();
            runBoth();
            notifier.reloading();
            notifier.reloaded(Optional.of("reload refused: why"));
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().equals("credwatch-watchdog")), "a watchdog thread was started");
        }

        @Test
        void aSocketNobodyListensOnFailsQuietly() {
            notifierFor(Map.of("NOTIFY_SOCKET", dir.resolve("nobody").toString()));
            assertTrue(notifier.enabled());
            notifier.ready();
            notifier.stopping();
        }
    }

    @Nested
    class WhenSystemdDoesNotRead {
        /**
         * A notify socket's queue holds ten datagrams; systemd busy (or stopped) reads none.
         * A blocking send then held the check whose status changed, and every on-demand run
         * waiting for it, until systemd read again.
         */
        @Test
        void aFullQueueDelaysAStatusChangeByAtMostTheSendLimitAndLaterMessagesGetThrough() throws Exception {
            listening();
            try {
                for (int change = 0; change < 14; change++) {
                    exchange.answers(change % 2 == 0 ? CheckResult.critical(Category.AUTH_FAILED, "refused", "fix")
                            : CheckResult.ok("fine"));
                    long started = System.nanoTime();
                    // Bounded: a send that blocks would otherwise hang the test rather than fail it.
                    scheduler.runNow("exchange:bybit-main").get(5, TimeUnit.SECONDS);
                    long tookMillis = (System.nanoTime() - started) / 1_000_000;
                    assertTrue(tookMillis < NotifySocket.SEND_LIMIT.toMillis() + 1_500, "change " + change + " took "
                            + tookMillis + " ms");
                }

                List<String> queued = new java.util.ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    queued.add(systemd.next());
                }
                exchange.answers(CheckResult.critical(Category.AUTH_FAILED, "refused", "fix"));
                scheduler.runNow("exchange:bybit-main").get(5, TimeUnit.SECONDS);

                assertTrue(queued.stream().allMatch(m -> m.startsWith("STATUS=")), queued::toString);
                assertTrue(systemd.next().contains("exchange:bybit-main CRITICAL AUTH_FAILED"));
            } finally {
                // Closing the socket wakes a sender blocked on it, so a failure cannot hang the clean-up.
                systemd.close();
                systemd = null;
            }
        }
    }
}
