package io.credwatch.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import io.credwatch.check.CheckInfo;
import io.credwatch.check.CheckReport;
import java.io.IOException;
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
    static HealthComponent notRunYet(CheckInfo check) {
        return new HealthComponent(check.id(), check.type(), HealthStatus.WARN, null, "not run yet");
    }

    /** As the mapper writes it: null fields left out. */
    void write(JsonGenerator json) throws IOException {
        json.writeStartObject();
        field(json, "componentId", componentId);
        field(json, "componentType", componentType);
        field(json, "status", status == null ? null : status.text());
        field(json, "time", time == null ? null : time.toString());
        field(json, "output", output);
        json.writeEndObject();
    }

    private static void field(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }
}
