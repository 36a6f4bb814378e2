package io.credwatch.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** The body of a webhook call, as each kind of receiver reads it (SPEC "Alerts"). */
public enum WebhookFormat {

    /** {@code {check,status,previousStatus,category,summary,remediation,host,environment,at}}. */
    JSON {
        @Override
        Object document(Alert a) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("check", a.check());
            body.put("status", a.status().name());
            body.put("previousStatus", a.previousStatus() == null ? null : a.previousStatus().name());
            body.put("category", a.category());
            body.put("summary", a.summary());
            body.put("remediation", a.remediation());
            body.put("host", a.host());
            body.put("environment", a.environment());
            body.put("at", a.at().toString());
            return body;
        }
    },

    /** Slack's incoming webhook: {@code {"text": "..."}}. */
    SLACK {
        @Override
        Object document(Alert a) {
            StringBuilder text = new StringBuilder()
                    .append('[').append(a.status()).append("] ").append(a.check())
                    .append(" on ").append(a.host()).append(" (").append(a.environment()).append(")");
            if (a.reminder()) {
                text.append(" is still ").append(a.status());
            } else if (a.previousStatus() != null) {
                text.append(" was ").append(a.previousStatus());
            }
            text.append(": ").append(a.category()).append(" ").append(a.summary());
            if (!a.remediation().isEmpty()) {
                text.append("\nFix: ").append(a.remediation());
            }
            return Map.of("text", escape(text.toString()));
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper();

    abstract Object document(Alert alert);

    public String body(Alert alert) {
        try {
            return MAPPER.writeValueAsString(document(alert));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings and nulls always serialise", e);
        }
    }

    /** The configuration's name for it: {@code json} or {@code slack}. */
    public static WebhookFormat named(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Slack reads {@code <...>} as links and mentions; these three are the characters its
     * formatting docs say to escape (api.slack.com, "Formatting text for app surfaces").
     */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
