package io.credwatch.check;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A check whose answer, timing and blocking the test controls. */
class ScriptedCheck implements Check {

    private final String id;
    private final Duration interval;
    private final Duration timeout;
    final AtomicReference<CheckResult> answer = new AtomicReference<>(CheckResult.ok("fine"));
    final AtomicReference<CountDownLatch> gate = new AtomicReference<>();
    final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    final AtomicInteger runs = new AtomicInteger();
    final AtomicInteger concurrent = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();
    final ConcurrentLinkedQueue<CheckContext> contexts = new ConcurrentLinkedQueue<>();
    final CountDownLatch entered = new CountDownLatch(1);

    ScriptedCheck(String id, Duration interval, Duration timeout) {
        this.id = id;
        this.interval = interval;
        this.timeout = timeout;
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
        return interval;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public CheckResult run(CheckContext context) throws Exception {
        contexts.add(context);
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        runs.incrementAndGet();
        entered.countDown();
        try {
            CountDownLatch g = gate.get();
            if (g != null) {
                g.await();
            }
            RuntimeException f = failure.get();
            if (f != null) {
                throw f;
            }
            return answer.get();
        } finally {
            concurrent.decrementAndGet();
        }
    }
}
