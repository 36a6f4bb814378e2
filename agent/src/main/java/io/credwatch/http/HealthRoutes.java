package io.credwatch.http;

import io.credwatch.check.CheckResults;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Aggregate health for monitors, liveness and readiness for process supervisors. */
final class HealthRoutes {

    /** The draft's media type; monitors that know it may treat the body accordingly. */
    static final String HEALTH_JSON = "application/health+json";
    static final String JSON = "application/json";

    /**
     * The liveness answer, always the same: written out here so that the first probe after a
     * start is not also Jackson's first use. A test holds it equal to the mapper's writing.
     */
    static final byte[] LIVE = "{\"status\":\"pass\"}".getBytes(StandardCharsets.UTF_8);

    private final CheckResults results;

    HealthRoutes(CheckResults results) {
        this.results = results;
    }

    Map<String, DirectRoute> routes() {
        return Map.of("/health", accept -> health(), "/health/live", accept -> live(),
                "/health/ready", accept -> ready());
    }

    Reply health() {
        HealthDocument document = HealthDocument.of(results);
        return new Reply(document.status().httpStatus(), HEALTH_JSON, document.json());
    }

    /** Answering at all is the proof of life: it touches nothing that could hang. */
    Reply live() {
        return new Reply(200, JSON, LIVE.clone());
    }

    Reply ready() {
        Readiness readiness = Readiness.of(results);
        return new Reply(readiness.httpStatus(), JSON, readiness.json());
    }
}
