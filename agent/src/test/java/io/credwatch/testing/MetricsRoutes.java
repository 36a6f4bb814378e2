package io.credwatch.testing;

import io.credwatch.http.DirectRoute;
import io.credwatch.http.Reply;
import io.credwatch.metrics.MetricsScrape;

/** {@code /metrics} as the composition root routes it, for tests that wire the faces by hand. */
public final class MetricsRoutes {

    private MetricsRoutes() {
    }

    public static DirectRoute of(MetricsScrape metrics) {
        return accept -> {
            MetricsScrape.Exposition e = metrics.write(accept);
            return new Reply(200, e.contentType(), e.body());
        };
    }
}
