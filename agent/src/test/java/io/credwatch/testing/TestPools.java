package io.credwatch.testing;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Thread pools for tests that build a client the composition root would hand its pool. */
public final class TestPools {

    /** For the JDK HTTP client's own work, as the root's two threads. */
    public static final ExecutorService HTTP_CLIENT = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "test-http-client");
        t.setDaemon(true);
        return t;
    });

    private TestPools() {
    }
}
