package io.credwatch.alert;

import java.net.URI;

/**
 * Where to POST and in which format. The URL's path and query are a secret for Slack and many
 * others (whoever has them can post), so {@link #toString()} shows the host only, and logs use it.
 */
public record Webhook(URI uri, WebhookFormat format) {

    public String host() {
        return uri.getHost() == null ? "(no host)" : uri.getHost();
    }

    @Override
    public String toString() {
        return "webhook " + host() + " (" + format.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
