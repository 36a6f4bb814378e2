package io.credwatch.egress;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /egress} shows: the IP the latest run decided, what each source saw, whether
 * the IP is elastic, and the known IP with its change history from the state file. Instants
 * serialise as ISO-8601 with Jackson's {@code JavaTimeModule}.
 *
 * @param currentIp     null before the first run, or when no source answered
 * @param checkedAt     when the latest run was; null before the first
 * @param sources       the latest run's observations, in configuration order
 * @param elastic       {@code true}, {@code false}, {@code "unknown: <reason>"} or {@code "not checked (...)"}
 * @param lastKnownIp   the IP in the state file (or the one the latest run would have written)
 * @param changes       recorded changes, oldest first
 * @param stateProblem  a problem with the state file, if the latest run met one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EgressView(String currentIp, Instant checkedAt, List<EgressObservation> sources, Object elastic,
                         String allocationId, String associatedWith, String lastKnownIp, Instant firstSeen,
                         Instant lastSeen, List<EgressState.Change> changes, String stateProblem) {

    public EgressView {
        sources = sources == null ? List.of() : List.copyOf(sources);
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** No IP decided (no run yet, or no source answered): what the memory, or its state file, knows. */
    static EgressView undecided(Instant checkedAt, List<EgressObservation> sources, String elastic,
                                EgressMemory.Known known) {
        EgressState s = known.state();
        return new EgressView(null, checkedAt, sources, elastic, null, null,
                s == null ? null : s.ip(), s == null ? null : s.firstSeen(), s == null ? null : s.lastSeen(),
                s == null ? List.of() : s.changes(), known.problem());
    }

    /** A run that decided an IP, with the state as recording it left it. */
    static EgressView decided(Instant checkedAt, List<EgressObservation> sources, EgressFindings found) {
        ElasticIpStatus elastic = found.elastic();
        EgressState s = found.recorded().state();
        List<String> problems = found.recorded().problems();
        return new EgressView(found.ip(), checkedAt, sources, found.elasticDetail(),
                elastic == null ? null : elastic.allocationId(), elastic == null ? null : elastic.associatedWith(),
                s.ip(), s.firstSeen(), s.lastSeen(), s.changes(), problems.isEmpty() ? null : String.join("; ", problems));
    }
}
