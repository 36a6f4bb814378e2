package io.credwatch.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.testing.CheckCore;
import io.credwatch.testing.ScriptedCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CheckSchedulerTest {

    private static final Duration LONG = Duration.ofHours(1);
    private CheckCore scheduler;

    private CheckCore schedulerOf(Check... checks) {
        scheduler = new CheckCore(List.of(checks), Clock.systemUTC(), Jitter.none(), 4, 5);
        return scheduler;
    }

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
    }

    private static CheckReport await(CompletableFuture<CheckReport> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Nested
    class Timeouts {
        @Test
        void aHungCheckBecomesUnknownTimeoutWithinItsTimeout() throws Exception {
            ScriptedCheck hung = new ScriptedCheck("hung").timeout(Duration.ofMillis(200))
                    .heldBy(new CountDownLatch(1));
            schedulerOf(hung);
            long t0 = System.nanoTime();
            CheckReport r = await(scheduler.runNow("hung"));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(Status.UNKNOWN, r.status());
            assertEquals(Category.TIMEOUT, r.category());
            assertTrue(r.summary().contains("200ms"), r.summary());
            assertTrue(ms < 5000, "took " + ms + " ms");
        }

        @Test
        void aHungCheckDoesNotDelayAnother() throws Exception {
            CountDownLatch gate = new CountDownLatch(1);
            ScriptedCheck hung = new ScriptedCheck("hung").timeout(Duration.ofSeconds(30)).heldBy(gate);
            ScriptedCheck quick = new ScriptedCheck("quick").timeout(Duration.ofSeconds(30));
            schedulerOf(hung, quick).start();
            assertTrue(hung.awaitStarted(Duration.ofSeconds(5)));
            CheckReport r = await(scheduler.runNow("quick"));
            assertEquals(Status.OK, r.status());
            assertTrue(scheduler.latest("hung").isEmpty(), "hung has not finished");
            gate.countDown();
        }

        @Test
        void aCheckStillHungAfterItsTimeoutIsNotStartedAgain() throws Exception {
            ScriptedCheck hung = new ScriptedCheck("hung") {
                @Override
                public CheckResult run(CheckContext context) throws Exception {
                    CheckResult r = super.run(context);
                    // ignores interruption, like a blocking call that cannot be cut
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    return r;
                }
            };
            hung.timeout(Duration.ofMillis(100));
            schedulerOf(hung);
            assertEquals(Category.TIMEOUT, await(scheduler.runNow("hung")).category());
            CheckReport again = await(scheduler.runNow("hung"));
            assertEquals(Category.TIMEOUT, again.category());
            assertEquals(1, hung.runs());
        }
    }

    @Nested
    class Overlap {
        @Test
        void aRunRequestedDuringARunJoinsIt() throws Exception {
            CountDownLatch gate = new CountDownLatch(1);
            ScriptedCheck slow = new ScriptedCheck("slow").timeout(Duration.ofSeconds(30)).heldBy(gate);
            schedulerOf(slow);
            CompletableFuture<CheckReport> first = scheduler.runNow("slow");
            assertTrue(slow.awaitStarted(Duration.ofSeconds(5)));
            CompletableFuture<CheckReport> second = scheduler.runNow("slow");
            assertSame(first, second);
            gate.countDown();
            await(first);
            assertEquals(1, slow.runs());
            assertEquals(1, slow.maxConcurrent());
        }

        @Test
        void scheduledRunsOfOneCheckNeverOverlap() throws Exception {
            ScriptedCheck fast = new ScriptedCheck("fast") {
                @Override
                public CheckResult run(CheckContext context) throws Exception {
                    CheckResult r = super.run(context);
                    Thread.sleep(2); // longer than the interval: a naive fixed-rate timer would overlap
                    return r;
                }
            };
            fast.every(Duration.ofMillis(1)).timeout(Duration.ofSeconds(5));
            schedulerOf(fast).start();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < until) {
                scheduler.runNow("fast");
                Thread.onSpinWait();
            }
            assertTrue(fast.runs() > 5, "ran " + fast.runs());
            assertEquals(1, fast.maxConcurrent());
        }
    }

    @Nested
    class Results {
        @Test
        void anExceptionBecomesUnknownWithoutItsMessage() throws Exception {
            ScriptedCheck broken = new ScriptedCheck("broken").timeout(Duration.ofSeconds(5))
                    .throwing(new IllegalStateException("secret=CANARY-SECRET-123"));
            schedulerOf(broken);
            CheckReport r = await(scheduler.runNow("broken"));
            assertEquals(Status.UNKNOWN, r.status());
            assertEquals(Category.INTERNAL_ERROR, r.category());
            assertFalse(r.toString().contains("CANARY"), r.toString());
        }

        @Test
        void consecutiveFailuresCountAndResetOnOk() throws Exception {
            ScriptedCheck c = new ScriptedCheck("c").timeout(Duration.ofSeconds(5));
            schedulerOf(c);
            c.answers(CheckResult.critical(Category.AUTH_FAILED, "refused", "fix it"));
            assertEquals(1, await(scheduler.runNow("c")).consecutiveFailures());
            assertEquals(2, await(scheduler.runNow("c")).consecutiveFailures());
            c.answers(CheckResult.warn(Category.IP_CHANGED, "changed", ""));
            assertEquals(3, await(scheduler.runNow("c")).consecutiveFailures());
            c.answers(CheckResult.ok("fine"));
            assertEquals(0, await(scheduler.runNow("c")).consecutiveFailures());
            assertEquals(new CheckStats(4, 3), scheduler.stats("c").orElseThrow());
        }

        @Test
        void lastChangeMovesOnlyWhenTheStatusChanges() throws Exception {
            ScriptedCheck c = new ScriptedCheck("c").timeout(Duration.ofSeconds(5));
            schedulerOf(c);
            CheckReport first = await(scheduler.runNow("c"));
            CheckReport second = await(scheduler.runNow("c"));
            assertEquals(first.lastChange(), second.lastChange());
            c.answers(CheckResult.critical(Category.AUTH_FAILED, "refused", ""));
            CheckReport third = await(scheduler.runNow("c"));
            assertEquals(third.startedAt(), third.lastChange());
        }

        @Test
        void historyIsBoundedAndNewestFirst() throws Exception {
            ScriptedCheck c = new ScriptedCheck("c").timeout(Duration.ofSeconds(5));
            schedulerOf(c);
            for (int i = 0; i < 8; i++) {
                c.answers(CheckResult.ok("run " + i));
                await(scheduler.runNow("c"));
            }
            List<CheckReport> history = scheduler.history("c");
            assertEquals(5, history.size());
            assertEquals("run 7", history.get(0).summary());
            assertEquals("run 3", history.get(4).summary());
        }

        @Test
        void listenersHearEachStatusChangeOnce() throws Exception {
            ScriptedCheck c = new ScriptedCheck("c").timeout(Duration.ofSeconds(5));
            schedulerOf(c);
            List<StatusChange> changes = new CopyOnWriteArrayList<>();
            scheduler.addListener(changes::add);
            await(scheduler.runNow("c"));
            await(scheduler.runNow("c"));
            c.answers(CheckResult.critical(Category.AUTH_FAILED, "refused", ""));
            await(scheduler.runNow("c"));
            await(scheduler.runNow("c"));
            assertEquals(2, changes.size());
            assertNull(changes.get(0).previous());
            assertEquals(Status.OK, changes.get(1).previousStatus());
            assertEquals(Status.CRITICAL, changes.get(1).current().status());
        }

        @Test
        void theContextCarriesTheDeadlineAndPersistence() throws Exception {
            ScriptedCheck c = new ScriptedCheck("c").timeout(Duration.ofSeconds(7));
            scheduler = new CheckCore(List.of(c), Clock.systemUTC(), Jitter.none(), 1, 5, false);
            CheckReport r = await(scheduler.runNow("c"));
            List<CheckContext> contexts = c.contexts();
            assertFalse(contexts.isEmpty());
            CheckContext ctx = contexts.get(0);
            assertEquals(r.startedAt().plusSeconds(7), ctx.deadline());
            assertFalse(ctx.persistent());
        }
    }

    @Nested
    class Readiness {
        @Test
        void readyOnlyOnceEveryCheckHasFinishedOnce() throws Exception {
            ScriptedCheck a = new ScriptedCheck("a").timeout(Duration.ofSeconds(30));
            CountDownLatch gate = new CountDownLatch(1);
            ScriptedCheck b = new ScriptedCheck("b").timeout(Duration.ofSeconds(30)).heldBy(gate);
            schedulerOf(a, b);
            assertFalse(scheduler.ready());
            scheduler.start();
            assertTrue(b.awaitStarted(Duration.ofSeconds(5)));
            await(scheduler.runNow("a"));
            assertFalse(scheduler.ready());
            gate.countDown();
            await(scheduler.runNow("b"));
            assertTrue(scheduler.ready());
        }
    }

    @Nested
    class Reload {
        @Test
        void replacingKeepsHistoryOfKeptChecksAndDropsRemovedOnes() throws Exception {
            ScriptedCheck kept = new ScriptedCheck("kept").timeout(Duration.ofSeconds(5));
            ScriptedCheck removed = new ScriptedCheck("removed").timeout(Duration.ofSeconds(5));
            schedulerOf(kept, removed).start();
            await(scheduler.runNow("kept"));
            ScriptedCheck keptV2 = new ScriptedCheck("kept").timeout(Duration.ofSeconds(5))
                    .answers(CheckResult.warn(Category.IP_CHANGED, "v2", ""));
            ScriptedCheck added = new ScriptedCheck("added").timeout(Duration.ofSeconds(5));
            scheduler.replace(List.of(keptV2, added));
            assertEquals(List.of("kept", "added"), scheduler.ids());
            assertTrue(added.awaitStarted(Duration.ofSeconds(5)), "a new check runs at once");
            CheckReport r = await(scheduler.runNow("kept"));
            assertEquals("v2", r.summary());
            assertTrue(scheduler.history("kept").size() >= 2);
            assertTrue(scheduler.latest("removed").isEmpty());
        }
    }

    @Nested
    class Heartbeat {
        @Test
        void beatsOnceStarted() throws Exception {
            schedulerOf(new ScriptedCheck("a").timeout(LONG));
            assertEquals(0, scheduler.heartbeats());
            scheduler.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (scheduler.heartbeats() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(scheduler.heartbeats() >= 2, "heartbeats " + scheduler.heartbeats());
        }

        @Test
        void stopsWhileTheTimerThreadIsStuckAndResumesAfter() throws Exception {
            // The timer thread answers timeouts and calls listeners for them: a listener that
            // blocks there wedges the scheduler, which is what the systemd watchdog must notice.
            CountDownLatch stuck = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // Deaf to interrupts, so that its timeout is answered on the timer thread, not by the run.
            ScriptedCheck hung = new ScriptedCheck("hung") {
                @Override
                public CheckResult run(CheckContext context) {
                    while (release.getCount() > 0) {
                        try {
                            release.await();
                        } catch (InterruptedException ignored) {
                            // keep hanging
                        }
                    }
                    return CheckResult.ok("late");
                }
            };
            hung.timeout(Duration.ofMillis(100));
            schedulerOf(hung).addListener(change -> {
                if (Thread.currentThread().getName().startsWith("credwatch-timer")) {
                    stuck.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            scheduler.start();
            assertTrue(stuck.await(10, TimeUnit.SECONDS));
            long wedged = scheduler.heartbeats();
            // Proving an absence takes waiting: two and a half heartbeat periods.
            Thread.sleep(CheckScheduler.HEARTBEAT.toMillis() * 5 / 2);
            assertEquals(wedged, scheduler.heartbeats());
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (scheduler.heartbeats() == wedged && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(scheduler.heartbeats() > wedged, "no heartbeat after the timer thread was released");
        }
    }

    @Nested
    class Jitters {
        @Test
        void delaysStayWithinTheFractionOfTheInterval() {
            Jitter jitter = new Jitter(0.1, RandomGenerator.of("L64X128MixRandom"));
            Duration interval = Duration.ofMinutes(5);
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < 10_000; i++) {
                long ms = jitter.next(interval).toMillis();
                min = Math.min(min, ms);
                max = Math.max(max, ms);
            }
            assertTrue(min >= 270_000 && max <= 330_000, min + ".." + max);
            assertTrue(max - min > 50_000, "actually spread: " + min + ".." + max);
        }

        @Test
        void extremesOfTheRandomSourceHitTheBounds() {
            Duration interval = Duration.ofSeconds(100);
            assertEquals(Duration.ofSeconds(90), new Jitter(0.1, fixed(0.0)).next(interval));
            assertEquals(Duration.ofSeconds(110), new Jitter(0.1, fixed(1.0)).next(interval));
        }

        private RandomGenerator fixed(double value) {
            return new RandomGenerator() {
                @Override
                public long nextLong() {
                    return 0;
                }

                @Override
                public double nextDouble() {
                    return value;
                }
            };
        }
    }
}
