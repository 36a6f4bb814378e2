package io.credwatch.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration of credwatch's output, shared by the HTTP API and
 * {@code credwatch check --json}, so both print the same result shape.
 */
public final class JsonMapper {

    private JsonMapper() {
    }

    /**
     * The daemon's mapper, built by its first use: the first mapper costs the JVM Jackson's own
     * set-up, which has no business before the server listens.
     */
    public static ObjectMapper shared() {
        return Shared.MAPPER;
    }

    private static final class Shared {
        static final ObjectMapper MAPPER = create();
    }

    /** A new mapper: {@code java.time} as ISO-8601 text, enums by name. */
    public static ObjectMapper create() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                // A view object without properties is an empty answer, not a server error.
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }
}
