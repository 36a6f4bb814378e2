package io.credwatch.egress;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.credwatch.check.Category;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one source said in one run: the IP it saw, or why it saw none ({@code failure} is
 * {@code UNAVAILABLE}, {@code TIMEOUT} or {@code BAD_RESPONSE}, {@code error} says it in words).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EgressObservation(String source, String ip, Category failure, String error, long durationMs) {

    public EgressObservation {
        Objects.requireNonNull(source, "source");
        if ((ip == null) == (failure == null)) {
            throw new IllegalArgumentException("an observation has either an ip or a failure");
        }
    }

    public static EgressObservation saw(String source, String ip, long durationMs) {
        return new EgressObservation(source, ip, null, null, durationMs);
    }

    public static EgressObservation failed(String source, Category failure, String error, long durationMs) {
        return new EgressObservation(source, null, failure, error, durationMs);
    }

    public boolean answered() {
        return ip != null;
    }

    /** The form used in check details: {@code {source, ip | error, category, durationMs}}. */
    public Map<String, Object> toDetail() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        if (ip != null) {
            m.put("ip", ip);
        } else {
            m.put("error", error);
            m.put("category", failure.name());
        }
        m.put("durationMs", durationMs);
        return m;
    }
}
