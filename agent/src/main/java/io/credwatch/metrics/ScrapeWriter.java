package io.credwatch.metrics;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The client library picks the format from {@code Accept} (Prometheus text 0.0.4 by default,
 * OpenMetrics when asked for) and writes it; this only hands it the registry. The body is built
 * whole before sending so a failure becomes an error status, not a truncated scrape that
 * Prometheus would half-read.
 */
final class ScrapeWriter {

    private final PrometheusRegistry registry;
    private final ExpositionFormats formats = ExpositionFormats.init();

    ScrapeWriter(PrometheusRegistry registry) {
        this.registry = registry;
    }

    MetricsScrape.Exposition write(String accept) throws IOException {
        ExpositionFormatWriter writer = formats.findWriter(accept);
        if (!writer.isAvailable()) {
            // Protobuf needs the larger exposition artifact, left out on purpose: text serves everyone.
            writer = formats.getPrometheusTextFormatWriter();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
        writer.write(body, registry.scrape());
        return new MetricsScrape.Exposition(writer.getContentType(), body.toByteArray());
    }
}
