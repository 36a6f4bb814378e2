package io.credwatch.http;

import com.fasterxml.jackson.annotation.JsonValue;
import io.credwatch.check.Status;
import java.util.Locale;

/**
 * The three states of the IETF draft "Health Check Response Format for HTTP APIs"
 * (draft-inadarei-api-health-check, section 3.1).
 */
enum HealthStatus {
    PASS, WARN, FAIL;

    /**
     * UNKNOWN ("could not tell") is a warning, not a failure: a network glitch must not take
     * the host out of a load balancer the way a refused key does.
     */
    static HealthStatus of(Status status) {
        return switch (status) {
            case OK -> PASS;
            case WARN, UNKNOWN -> WARN;
            case CRITICAL -> FAIL;
        };
    }

    HealthStatus worse(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** 503 for fail only: the draft lets warn answer 2xx so monitors can tell it from fail. */
    int httpStatus() {
        return this == FAIL ? 503 : 200;
    }

    @JsonValue
    String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
