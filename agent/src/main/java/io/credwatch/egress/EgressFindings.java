package io.credwatch.egress;

import java.util.Optional;

/**
 * What one run that decided an IP found out about it; the verdict, the details and the view are
 * each worded from these facts alone.
 *
 * @param recorded     the IP as the memory holds it after this sighting, with notes on the state file
 * @param recentChange the change that led to the IP, while it is recent enough to warn about
 * @param elastic      whether the IP is elastic; null outside the AWS execution context, where
 *                     nobody asks
 */
record EgressFindings(EgressDecision decision, EgressMemory.Recorded recorded,
                      Optional<EgressState.Change> recentChange, Allowlisting allowlisting, ElasticIpStatus elastic) {

    String ip() {
        return decision.ip();
    }

    /** The {@code elastic} detail and view field: {@code true}, {@code false}, {@code "unknown: …"} or why not asked. */
    Object elasticDetail() {
        return elastic == null ? "not checked (outside the AWS execution context)" : elastic.detail();
    }
}
