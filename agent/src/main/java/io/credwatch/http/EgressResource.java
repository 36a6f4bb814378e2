package io.credwatch.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.function.Supplier;

/** The egress view as the egress feature keeps it; this face only serializes it. */
@Path("egress")
public final class EgressResource {

    private final Supplier<?> view;

    EgressResource(Supplier<?> view) {
        this.view = view;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Object egress() {
        return view.get();
    }
}
