package io.credwatch.egress;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * Whether the egress IP is elastic: {@code ELASTIC} with its allocation and what it is
 * associated with (an instance, or a network interface such as a NAT gateway's),
 * {@code NOT_ELASTIC}, or {@code UNKNOWN} with the reason.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ElasticIpStatus(Kind kind, String allocationId, String associatedWith, String reason) {

    public enum Kind { ELASTIC, NOT_ELASTIC, UNKNOWN }

    public ElasticIpStatus {
        Objects.requireNonNull(kind, "kind");
    }

    public static ElasticIpStatus elastic(String allocationId, String associatedWith) {
        return new ElasticIpStatus(Kind.ELASTIC, allocationId, associatedWith, null);
    }

    public static ElasticIpStatus notElastic() {
        return new ElasticIpStatus(Kind.NOT_ELASTIC, null, null, null);
    }

    public static ElasticIpStatus unknown(String reason) {
        return new ElasticIpStatus(Kind.UNKNOWN, null, null, reason);
    }

    /** The value of the {@code elastic} detail: {@code true}, {@code false} or {@code "unknown: <reason>"}. */
    public Object detail() {
        return switch (kind) {
            case ELASTIC -> Boolean.TRUE;
            case NOT_ELASTIC -> Boolean.FALSE;
            case UNKNOWN -> "unknown: " + reason;
        };
    }
}
