package io.credwatch.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.credwatch.check.Check;
import io.credwatch.check.CheckReport;
import java.time.Instant;

/** One entry under {@code checks} in the health document (draft section 4). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record HealthComponent(String componentId, String componentType, HealthStatus status, Instant time,
                       String output) {

    static HealthComponent of(CheckReport report) {
        return new HealthComponent(report.id(), report.type(), HealthStatus.of(report.status()),
                report.startedAt(), report.summary());
    }

    /** Until its first run a check cannot vouch for anything: a warning, not a failure. */
    static HealthComponent notRunYet(Check check) {
        return new HealthComponent(check.id(), check.type(), HealthStatus.WARN, null, "not run yet");
    }
}
