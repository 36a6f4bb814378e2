package io.credwatch.http;

import io.credwatch.check.CheckScheduler;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Aggregate health for monitors, liveness and readiness for process supervisors. */
@Path("health")
public final class HealthResource {

    /** The draft's media type; monitors that know it may treat the body accordingly. */
    static final String HEALTH_JSON = "application/health+json";

    private final CheckScheduler scheduler;

    HealthResource(CheckScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @GET
    @Produces(HEALTH_JSON)
    public Response health() {
        HealthDocument document = HealthDocument.of(scheduler);
        return Response.status(document.status().httpStatus()).type(HEALTH_JSON).entity(document).build();
    }

    /** Answering at all is the proof of life: it touches nothing that could hang. */
    @GET
    @Path("live")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, HealthStatus> live() {
        return Map.of("status", HealthStatus.PASS);
    }

    @GET
    @Path("ready")
    @Produces(MediaType.APPLICATION_JSON)
    public Response ready() {
        Readiness readiness = Readiness.of(scheduler);
        return Response.status(readiness.httpStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(readiness).build();
    }
}
