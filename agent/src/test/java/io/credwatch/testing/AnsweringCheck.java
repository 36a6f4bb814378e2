package io.credwatch.testing;

import io.credwatch.check.Check;
import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckResult;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** A check of any id and type that answers whatever the test set last, once its gate (if any) opens. */
public record AnsweringCheck(String id, String type, Duration interval, Duration timeout,
                             AtomicReference<CheckResult> answer, AtomicReference<CountDownLatch> gate)
        implements Check {

    /** Hourly, so the scheduler's own reruns never interfere with a test. */
    /** The same check on another schedule. */
    public AnsweringCheck every(Duration every) {
        return new AnsweringCheck(id, type, every, timeout, answer, gate);
    }

    public static AnsweringCheck of(String id, String type, CheckResult first) {
        return new AnsweringCheck(id, type, Duration.ofHours(1), Duration.ofSeconds(10), new AtomicReference<>(first),
                new AtomicReference<>());
    }

    public void answer(CheckResult next) {
        answer.set(next);
    }

    /** Runs from now on wait until {@code latch} opens (bounded by the timeout). */
    public void holdAt(CountDownLatch latch) {
        gate.set(latch);
    }

    @Override
    public CheckResult run(CheckContext context) throws InterruptedException {
        CountDownLatch held = gate.get();
        if (held != null) {
            held.await(timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        return answer.get();
    }
}
