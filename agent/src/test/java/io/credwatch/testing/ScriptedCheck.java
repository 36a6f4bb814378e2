package io.credwatch.testing;

import io.credwatch.check.Check;
import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckResult;
import io.credwatch.check.Tolerance;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A check whose answer, timing and blocking the test scripts, and which records how it was run.
 * Set up from the test thread, read on the scheduler's threads: hence the volatiles and atomics.
 */
public class ScriptedCheck implements Check {

    // A held run is meant to end when the gate opens or the scheduler interrupts it at the
    // timeout; the margin keeps this bound from racing that interrupt, so a hung run reads as
    // TIMEOUT, and only a run nobody interrupts (no scheduler, or a wedged one) gives up here.
    private static final Duration GATE_MARGIN = Duration.ofSeconds(5);

    private final String id;
    // An hour: the scheduler's own reruns never interfere with a test.
    private volatile Duration interval = Duration.ofHours(1);
    private volatile Duration timeout = Duration.ofSeconds(10);
    private volatile String type = "scripted";
    private volatile Tolerance tolerance = Tolerance.DEFAULT;
    private volatile CheckResult answer = CheckResult.ok("all good");
    private volatile Duration takes = Duration.ZERO;
    private volatile RuntimeException failure;
    private volatile CountDownLatch gate;
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final Queue<CheckContext> contexts = new ConcurrentLinkedQueue<>();
    private final CountDownLatch started = new CountDownLatch(1);

    public ScriptedCheck(String id) {
        this.id = id;
    }

    public ScriptedCheck tolerating(Tolerance tolerance) {
        this.tolerance = tolerance;
        return this;
    }

    public ScriptedCheck every(Duration interval) {
        this.interval = interval;
        return this;
    }

    public ScriptedCheck timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    public ScriptedCheck type(String type) {
        this.type = type;
        return this;
    }

    public ScriptedCheck answers(CheckResult result) {
        this.answer = result;
        return this;
    }

    /** Makes each run last this long, for a duration the test can tell from zero. */
    public ScriptedCheck takes(Duration duration) {
        this.takes = duration;
        return this;
    }

    /** Makes each run throw, as a check with a bug would; {@code null} stops it. */
    public ScriptedCheck throwing(RuntimeException e) {
        this.failure = e;
        return this;
    }

    /** Holds each run until {@code gate} opens or the run is interrupted; {@code null} stops holding. */
    public ScriptedCheck heldBy(CountDownLatch gate) {
        this.gate = gate;
        return this;
    }

    public int runs() {
        return runs.get();
    }

    /** The most runs that were in progress at once. */
    public int maxConcurrent() {
        return maxConcurrent.get();
    }

    /** The context of every run so far, oldest first. */
    public List<CheckContext> contexts() {
        return List.copyOf(contexts);
    }

    /** Whether a first run began within ten seconds. */
    public boolean awaitStarted() throws InterruptedException {
        return awaitStarted(Duration.ofSeconds(10));
    }

    /** Whether a first run began within {@code within}. */
    public boolean awaitStarted(Duration within) throws InterruptedException {
        return started.await(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public Tolerance tolerance() {
        return tolerance;
    }

    @Override
    public CheckResult run(CheckContext context) throws Exception {
        contexts.add(context);
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        runs.incrementAndGet();
        started.countDown();
        try {
            CountDownLatch g = gate;
            if (g != null && !g.await(timeout.plus(GATE_MARGIN).toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
            Duration t = takes;
            if (!t.isZero()) {
                Thread.sleep(t.toMillis());
            }
            RuntimeException f = failure;
            if (f != null) {
                throw f;
            }
            return answer;
        } finally {
            concurrent.decrementAndGet();
        }
    }
}
