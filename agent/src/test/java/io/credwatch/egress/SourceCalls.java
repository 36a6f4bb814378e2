package io.credwatch.egress;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The egress check's source calls in tests: one thread each, as the composition root gives it. */
final class SourceCalls {

    static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "credwatch-egress-test");
        t.setDaemon(true);
        return t;
    });

    private SourceCalls() {
    }
}
