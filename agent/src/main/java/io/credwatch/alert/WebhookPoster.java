package io.credwatch.alert;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs one body to one webhook, retrying with exponential backoff when the receiver is down,
 * overloaded or slow (a network error, a timeout, 429 or 5xx). Another 4xx is the receiver
 * refusing this request, which no retry changes. Logs name the host only.
 */
final class WebhookPoster {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookPoster.class);

    private final Supplier<HttpClient> http;
    private final RetryPolicy retry;

    WebhookPoster(Supplier<HttpClient> http, RetryPolicy retry) {
        this.http = http;
        this.retry = retry;
    }

    /** True once the receiver took it; false after the last attempt failed. */
    boolean post(Webhook webhook, String body, String check) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(webhook.uri())
                .timeout(retry.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        String failure = "";
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            if (attempt > 1) {
                Thread.sleep(retry.backoffBefore(attempt).toMillis());
            }
            try {
                int status = http.get().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    return true;
                }
                failure = "HTTP " + status;
                if (status / 100 == 4 && status != 408 && status != 429) {
                    break;
                }
            } catch (IOException e) {
                // The exception's message may hold the URL; its type says enough.
                failure = e.getClass().getSimpleName();
            }
        }
        LOG.warn("{}: alert for {} not delivered ({}); gave up", webhook, check, failure);
        return false;
    }
}
