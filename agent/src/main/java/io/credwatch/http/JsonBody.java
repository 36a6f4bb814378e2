package io.credwatch.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The bodies Jetty sends itself (health, readiness, errors), written with Jackson's streaming
 * generator rather than the object mapper: a host that is only probed and scraped then never
 * loads the mapper and its hundreds of classes (docs/performance.md). Jersey's answers keep
 * the mapper; a test holds each body here equal to what the mapper writes for the same value.
 */
final class JsonBody {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** Writes one JSON value. */
    @FunctionalInterface
    interface Writer {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonBody() {
    }

    static byte[] of(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writer.write(json);
        } catch (IOException e) {
            // Only the writer's own bug can get here: nothing is read, and memory does not fail so.
            throw new UncheckedIOException("writing a JSON body", e);
        }
        return out.toByteArray();
    }
}
