package io.credwatch.http;

import io.credwatch.check.CheckInfo;
import io.credwatch.check.CheckReport;
import io.credwatch.check.CheckResults;
import io.credwatch.check.CheckStats;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.List;

/** The latest results, one check's history, and running a check on demand. */
@Path("checks")
@Produces(MediaType.APPLICATION_JSON)
public final class ChecksResource {

    private final CheckResults results;
    private final BearerTokenGuard guard;
    private final OnDemandRuns runs;

    ChecksResource(CheckResults results, BearerTokenGuard guard, OnDemandRuns runs) {
        this.results = results;
        this.guard = guard;
        this.runs = runs;
    }

    /** Checks that have not run yet are left out: the array holds results only. */
    @GET
    public List<CheckReport> latest() {
        return results.latest();
    }

    @GET
    @Path("{id}")
    public CheckDetail detail(@PathParam("id") String id) {
        CheckInfo check = results.info(id).orElseThrow(() -> ApiException.of(404, "unknown check"));
        CheckStats stats = results.stats(id).orElse(new CheckStats(0, 0));
        return CheckDetail.of(check, results.latest(id), results.history(id), stats);
    }

    /**
     * A run takes no body. Refusing form and text bodies (415) means a plain HTML form on
     * some web page cannot make a browser on this host trigger runs.
     */
    @POST
    @Path("{id}/run")
    @Consumes(MediaType.APPLICATION_JSON)
    public CheckReport run(@PathParam("id") String id,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
                           InputStream body) {
        // Authentication comes first: without the token, not even which ids exist is told.
        guard.requireAuthorized(authorization);
        RunRequestBody.requireEmpty(contentLength, body);
        return runs.run(id);
    }
}
