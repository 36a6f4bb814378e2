package io.credwatch.config;

public record WebhookConfig(String url, String format) {
    public static final String JSON = "json";
    public static final String SLACK = "slack";

    public WebhookConfig {
        format = format == null || format.isBlank() ? JSON : format;
    }
}
