package io.credwatch.http;

import io.credwatch.info.AgentInfo;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who this agent is. Off unless the configuration enables it (SPEC): host names, paths and
 * credential source names help an attacker map the host, so they are opt-in.
 */
@Path("whoami")
public final class WhoamiResource {

    private final Optional<Supplier<AgentInfo>> info;

    WhoamiResource(Optional<Supplier<AgentInfo>> info) {
        this.info = info;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public AgentInfo whoami() {
        // Same answer as an unknown path, so a disabled endpoint does not announce itself.
        return info.orElseThrow(() -> ApiException.of(404, "not found")).get();
    }
}
