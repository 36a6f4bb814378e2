package io.credwatch.metrics;

import io.credwatch.http.DirectRoute;
import io.credwatch.http.Reply;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}. The registry and the client library's writers are built on the first
 * scrape, not at start: loading them before the server listened cost a measured few hundred
 * milliseconds of start-up, and a host without Prometheus never needs them. Nothing here names a
 * Prometheus type in a field or signature the server touches at start, so registering it loads none.
 */
public final class MetricsRoute implements DirectRoute {

    private final Supplier<PrometheusRegistry> registry;
    private volatile ScrapeWriter writer;

    /** @param registry called once, on the first scrape */
    public MetricsRoute(Supplier<PrometheusRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Reply answer(String accept) throws IOException {
        return writer().respond(accept);
    }

    private ScrapeWriter writer() {
        ScrapeWriter e = writer;
        if (e == null) {
            synchronized (this) {
                e = writer;
                if (e == null) {
                    e = new ScrapeWriter(registry.get());
                    writer = e;
                }
            }
        }
        return e;
    }
}
