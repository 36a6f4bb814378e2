package io.credwatch.testing;

import io.credwatch.check.Check;
import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckResult;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A check that answers whatever the test set last, and counts how often it was asked. */
public final class ScriptedCheck implements Check {

    private final String id;
    private volatile CheckResult next = CheckResult.ok("all good");
    private volatile Duration takes = Duration.ZERO;
    private volatile RuntimeException failure;
    private final AtomicInteger runs = new AtomicInteger();

    public ScriptedCheck(String id) {
        this.id = id;
    }

    public ScriptedCheck answers(CheckResult result) {
        this.next = result;
        return this;
    }

    /** Makes each run last this long, for a duration the test can tell from zero. */
    public ScriptedCheck takes(Duration duration) {
        this.takes = duration;
        return this;
    }

    /** Makes each run throw, as a check with a bug would. */
    public ScriptedCheck throwing(RuntimeException e) {
        this.failure = e;
        return this;
    }

    public int runs() {
        return runs.get();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return "scripted";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(2);
    }

    @Override
    public CheckResult run(CheckContext context) throws InterruptedException {
        runs.incrementAndGet();
        if (!takes.isZero()) {
            Thread.sleep(takes.toMillis());
        }
        if (failure != null) {
            throw failure;
        }
        return next;
    }
}
