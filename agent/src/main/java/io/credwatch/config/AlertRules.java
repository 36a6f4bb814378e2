package io.credwatch.config;

import static io.credwatch.config.ValueRules.positive;
import static io.credwatch.config.ValueRules.refuse;

/** The {@code alerts} section: the reminder interval and each webhook's address and format. */
final class AlertRules {

    private AlertRules() {
    }

    static void validate(AlertsConfig alerts) throws ConfigException {
        positive("alerts.remindEvery", alerts.remindEvery());
        for (int i = 0; i < alerts.webhooks().size(); i++) {
            WebhookConfig w = alerts.webhooks().get(i);
            String at = "alerts.webhooks[" + i + "]";
            if (w.url() == null || w.url().isBlank()) {
                throw new ConfigException(at + ".url", "missing; the address to POST alerts to");
            }
            // Not quoted: a webhook URL's path is itself a secret (a Slack hook's token).
            refuse(at + ".url", HttpUrls.requestProblem(w.url(), "an http(s) URL with a host",
                    "a webhook URL's path is a secret"));
            if (!WebhookConfig.JSON.equals(w.format()) && !WebhookConfig.SLACK.equals(w.format())) {
                throw new ConfigException(at + ".format", "unknown format '" + w.format() + "'; one of json, slack");
            }
        }
    }
}
