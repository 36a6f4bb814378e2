package io.credwatch.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}. The registry and the client library's writers are built on the first
 * scrape, not at start: loading them before the server listened cost a measured few hundred
 * milliseconds of start-up, and a host without Prometheus never needs them. Nothing here names a
 * Prometheus type in a field or signature Jersey reflects on, so registering it loads none.
 */
@Path("metrics")
public final class MetricsResource {

    private final Supplier<PrometheusRegistry> registry;
    private volatile ScrapeWriter writer;

    /** @param registry called once, on the first scrape */
    public MetricsResource(Supplier<PrometheusRegistry> registry) {
        this.registry = registry;
    }

    @GET
    public Response scrape(@HeaderParam(HttpHeaders.ACCEPT) String accept) throws IOException {
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
