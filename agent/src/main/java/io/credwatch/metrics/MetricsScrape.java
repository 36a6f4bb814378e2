package io.credwatch.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * What {@code GET /metrics} answers, in the format {@code Accept} asks for. The registry and the client library's writers are built on the first
 * scrape, not at start: loading them before the server listened delayed the first answer
 * (docs/performance.md), and a host without Prometheus never needs them. Nothing here names a
 * Prometheus type in a field or signature the server touches at start, so registering it loads none.
 * It knows nothing of HTTP: the composition root hands it to the server as a route.
 */
public final class MetricsScrape {

    /** One scrape's body and its media type, built whole before anything is sent. */
    public record Exposition(String contentType, byte[] body) {
    }

    private final Supplier<PrometheusRegistry> registry;
    private volatile ScrapeWriter writer;

    /** @param registry called once, on the first scrape */
    public MetricsScrape(Supplier<PrometheusRegistry> registry) {
        this.registry = registry;
    }

    /** @param accept the request's {@code Accept} header, or null */
    public Exposition write(String accept) throws IOException {
        return writer().write(accept);
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
