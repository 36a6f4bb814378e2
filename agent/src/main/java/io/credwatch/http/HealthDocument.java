package io.credwatch.http;

import io.credwatch.check.CheckInfo;
import io.credwatch.check.CheckReport;
import io.credwatch.check.CheckResults;
import io.credwatch.check.Overall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code GET /health} in the IETF draft's format: an overall status and, keyed
 * by check id, a one-element list per check (the draft keys components by
 * "componentName:measurementName" and gives each a list).
 */
record HealthDocument(HealthStatus status, String serviceId, String description,
                      Map<String, List<HealthComponent>> checks) {

    static final String SERVICE_ID = "credwatch";
    static final String DESCRIPTION = "AWS credentials, egress IP and exchange API keys of this host";

    static HealthDocument of(CheckResults results) {
        Map<String, List<HealthComponent>> checks = new LinkedHashMap<>();
        List<CheckReport> reports = new ArrayList<>();
        boolean pending = false;
        for (String id : results.ids()) {
            Optional<CheckReport> latest = results.latest(id);
            Optional<CheckInfo> check = results.info(id);
            if (latest.isPresent()) {
                reports.add(latest.get());
                checks.put(id, List.of(HealthComponent.of(latest.get())));
            } else if (check.isPresent()) {
                pending = true;
                checks.put(id, List.of(HealthComponent.notRunYet(check.get())));
            }
        }
        // Overall is the roll-up every face shows; a check that has not run yet adds a
        // warning, as its own entry does.
        HealthStatus overall = HealthStatus.of(Overall.of(reports));
        if (pending) {
            overall = overall.worse(HealthStatus.WARN);
        }
        return new HealthDocument(overall, SERVICE_ID, DESCRIPTION, checks);
    }

    /** This document as the mapper would write it, without the mapper (see {@link JsonBody}). */
    byte[] json() {
        return JsonBody.of(json -> {
            json.writeStartObject();
            json.writeStringField("status", status.text());
            json.writeStringField("serviceId", serviceId);
            json.writeStringField("description", description);
            json.writeObjectFieldStart("checks");
            for (Map.Entry<String, List<HealthComponent>> check : checks.entrySet()) {
                json.writeArrayFieldStart(check.getKey());
                for (HealthComponent component : check.getValue()) {
                    component.write(json);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }
}
