package io.credwatch.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.check.CheckScheduler;
import java.util.Map;

/** Aggregate health for monitors, liveness and readiness for process supervisors. */
final class HealthRoutes {

    /** The draft's media type; monitors that know it may treat the body accordingly. */
    static final String HEALTH_JSON = "application/health+json";
    static final String JSON = "application/json";

    private final CheckScheduler scheduler;
    private final ObjectMapper mapper;

    HealthRoutes(CheckScheduler scheduler, ObjectMapper mapper) {
        this.scheduler = scheduler;
        this.mapper = mapper;
    }

    Map<String, DirectRoute> routes() {
        return Map.of("/health", accept -> health(), "/health/live", accept -> live(),
                "/health/ready", accept -> ready());
    }

    Reply health() throws JsonProcessingException {
        HealthDocument document = HealthDocument.of(scheduler);
        return new Reply(document.status().httpStatus(), HEALTH_JSON, mapper.writeValueAsBytes(document));
    }

    /** Answering at all is the proof of life: it touches nothing that could hang. */
    Reply live() throws JsonProcessingException {
        return new Reply(200, JSON, mapper.writeValueAsBytes(Map.of("status", HealthStatus.PASS)));
    }

    Reply ready() throws JsonProcessingException {
        Readiness readiness = Readiness.of(scheduler);
        return new Reply(readiness.httpStatus(), JSON, mapper.writeValueAsBytes(readiness));
    }
}
