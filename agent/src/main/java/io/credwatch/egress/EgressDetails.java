package io.credwatch.egress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The egress check's {@code details}: what each source saw and the facts behind the verdict,
 * as data, in a fixed order.
 */
final class EgressDetails {

    private EgressDetails() {
    }

    /** A run that decided an IP. */
    static Map<String, Object> of(List<EgressObservation> seen, EgressFindings found) {
        Map<String, Object> details = sources(seen);
        details.put("ip", found.ip());
        details.put("decidedBy", found.decision().decidedBy());

        EgressMemory.Recorded recorded = found.recorded();
        details.put("firstSeen", recorded.state().firstSeen().toString());
        recorded.state().lastChange().ifPresent(c -> details.put("lastChange",
                Map.of("from", c.from(), "to", c.to(), "at", c.at().toString())));
        if (!recorded.notes().isEmpty()) {
            details.put("state", String.join("; ", recorded.notes()));
        }

        Allowlisting allowlisting = found.allowlisting();
        if (allowlisting.configured()) {
            details.put("allowlistedBy", allowlisting.allowedBy());
            details.put("missingFrom", allowlisting.missingFrom());
        } else {
            details.put("allowlist", "none configured: list the IPs your exchange keys allow under "
                    + Allowlists.GLOBAL + " or an exchange account's allowlist, and credwatch compares them");
        }

        details.put("elastic", found.elasticDetail());
        ElasticIpStatus elastic = found.elastic();
        if (elastic != null && elastic.kind() == ElasticIpStatus.Kind.ELASTIC) {
            if (elastic.allocationId() != null) {
                details.put("allocationId", elastic.allocationId());
            }
            details.put("associatedWith", elastic.associatedWith());
        }
        if (found.decision().disagree()) {
            details.put("disagreement", found.decision().byIp());
        }
        return details;
    }

    /** A run in which no source answered: what each said, and the last IP known. */
    static Map<String, Object> noAnswer(List<EgressObservation> seen, EgressMemory.Known known) {
        Map<String, Object> details = sources(seen);
        known.value().ifPresent(s -> details.put("lastKnownIp", s.ip()));
        if (known.problem() != null) {
            details.put("state", known.problem());
        }
        return details;
    }

    private static Map<String, Object> sources(List<EgressObservation> seen) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sources", seen.stream().map(EgressObservation::toDetail).toList());
        return details;
    }
}
