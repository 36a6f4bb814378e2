package io.credwatch.http;

import io.credwatch.check.Check;
import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckResult;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A check whose answer the test sets, and which can be held at a gate until the test opens it. */
final class TestCheck implements Check {

    private final String id;
    private final String type;
    private final AtomicReference<CheckResult> answer = new AtomicReference<>(CheckResult.ok("all good"));
    private final AtomicInteger runs = new AtomicInteger();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch gate;

    private TestCheck(String id, String type, CountDownLatch gate) {
        this.id = id;
        this.type = type;
        this.gate = gate;
    }

    static TestCheck answering(String id, CheckResult result) {
        TestCheck check = new TestCheck(id, "test", null);
        check.answer(result);
        return check;
    }

    /** Every run waits until {@code gate} opens (bounded by the check's timeout). */
    static TestCheck heldBy(String id, CountDownLatch gate) {
        return new TestCheck(id, "test", gate);
    }

    void answer(CheckResult result) {
        answer.set(result);
    }

    int runs() {
        return runs.get();
    }

    /** Opens when the first run has begun. */
    boolean awaitStarted() throws InterruptedException {
        return started.await(10, TimeUnit.SECONDS);
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
        return Duration.ofHours(1); // the scheduler's own reruns never interfere with a test
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public CheckResult run(CheckContext context) throws Exception {
        runs.incrementAndGet();
        started.countDown();
        if (gate != null && !gate.await(timeout().toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("gate never opened");
        }
        return answer.get();
    }
}
