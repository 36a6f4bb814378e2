package io.credwatch.config;

import java.time.Duration;
import java.util.List;

public record AlertsConfig(Duration remindEvery, List<WebhookConfig> webhooks) {
    public AlertsConfig {
        remindEvery = remindEvery == null ? Duration.ofHours(6) : remindEvery;
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    }
}
