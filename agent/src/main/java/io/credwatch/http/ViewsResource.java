package io.credwatch.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The egress view and the fingerprints as their features make them; this face only serializes them. */
@Path("")
public final class ViewsResource {

    private final Views views;

    ViewsResource(Views views) {
        this.views = views;
    }

    @GET
    @Path("egress")
    @Produces(MediaType.APPLICATION_JSON)
    public Object egress() {
        return views.egress().get();
    }

    @GET
    @Path("fingerprints")
    @Produces(MediaType.APPLICATION_JSON)
    public Object fingerprints() {
        return views.fingerprints().get();
    }
}
