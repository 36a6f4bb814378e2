package io.credwatch.testing;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Thread pools for tests that build a client the composition root would hand its pool. */
public final class TestPools {

    /** For the JDK HTTP client's own work, as the root's two threads. */
    public static final ExecutorService HTTP_CLIENT = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "test-http-client");
        t.setDaemon(true);
        return t;
    });

    /** The timer that cuts AWS answers that take too long, as the root's housekeeping timer. */
    public static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-timer");
        t.setDaemon(true);
        return t;
    });

    /** One webhook sender per alerter, each a long task until the alerter closes. */
    public static final ExecutorService SENDERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-alerts");
        t.setDaemon(true);
        return t;
    });

    private TestPools() {
    }
}
