package io.credwatch.http;

import io.credwatch.info.AgentInfo;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the API shows besides checks, each computed when asked.
 *
 * @param egress       for {@code GET /egress}
 * @param fingerprints for {@code GET /fingerprints}: resolved afresh on each request
 * @param whoami       for {@code GET /whoami}; empty: 404, as the configuration has it off
 * @param metrics      {@code GET /metrics}; empty: 404
 */
public record Views(Supplier<?> egress, Supplier<?> fingerprints, Optional<Supplier<AgentInfo>> whoami,
                    Optional<DirectRoute> metrics) {

    public Views(Supplier<?> egress, Supplier<?> fingerprints, Optional<Supplier<AgentInfo>> whoami) {
        this(egress, fingerprints, whoami, Optional.empty());
    }
}
