package io.credwatch.http;

import io.credwatch.check.CheckResults;
import java.util.List;

/**
 * The body of {@code GET /health/ready}: ready once every check has finished once, and
 * until then which ones are still waiting, so an operator sees what holds start-up.
 */
record Readiness(HealthStatus status, List<String> pending) {

    static Readiness of(CheckResults results) {
        List<String> pending = results.ids().stream()
                .filter(id -> results.latest(id).isEmpty())
                .toList();
        // ready() is the store's own definition; pending is only the explanation.
        boolean ready = results.ready();
        return new Readiness(ready ? HealthStatus.PASS : HealthStatus.FAIL, ready ? List.of() : pending);
    }

    /** As the mapper would write it, without the mapper (see {@link JsonBody}). */
    byte[] json() {
        return JsonBody.of(json -> {
            json.writeStartObject();
            json.writeStringField("status", status.text());
            json.writeArrayFieldStart("pending");
            for (String id : pending) {
                json.writeString(id);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    int httpStatus() {
        return status.httpStatus();
    }
}
