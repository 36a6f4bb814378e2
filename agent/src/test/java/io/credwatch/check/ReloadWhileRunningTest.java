package io.credwatch.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.testing.CheckCore;
import io.credwatch.testing.MutableClock;
import io.credwatch.testing.ScriptedCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A reload replaces a check while its old self is still running: the run the reload asks for
 * must be the new check's, with the new settings, not the old run's answer handed back.
 */
class ReloadWhileRunningTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-02T03:04:05Z"));
    private CheckCore core;

    @AfterEach
    void stop() {
        if (core != null) {
            core.close();
        }
    }

    @Test
    void theRunAskedForAfterAReloadIsTheNewChecksOnceTheOldOneIsDone() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedCheck before = new ScriptedCheck("egress-ip").every(Duration.ofHours(1)).timeout(Duration.ofSeconds(10))
                .answers(CheckResult.critical(Category.IP_NOT_ALLOWLISTED, "203.0.113.7 is not on the old allowlist",
                        "add it"))
                .heldBy(gate);
        core = new CheckCore(List.of(before), clock, Jitter.none(), 2, 50);
        CompletableFuture<CheckReport> oldRun = core.runNow("egress-ip");
        assertTrue(before.awaitStarted(), "the old check's run started");

        ScriptedCheck after = new ScriptedCheck("egress-ip").every(Duration.ofHours(1)).timeout(Duration.ofSeconds(10))
                .answers(CheckResult.ok("203.0.113.7 is on the new allowlist"));
        core.store.replace(List.of(after));
        CompletableFuture<CheckReport> reloadRun = core.runNow("egress-ip");
        gate.countDown();

        assertEquals(Status.CRITICAL, oldRun.get(10, TimeUnit.SECONDS).status());
        CheckReport shown = reloadRun.get(10, TimeUnit.SECONDS);
        assertEquals(Status.OK, shown.status(), shown.summary());
        assertEquals("203.0.113.7 is on the new allowlist", shown.summary());
        assertEquals(1, after.runs(), "the new check ran once");
        assertEquals(Status.OK, core.store.latest("egress-ip").orElseThrow().status());
    }
}
