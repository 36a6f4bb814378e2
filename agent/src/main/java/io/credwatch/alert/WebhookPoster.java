package io.credwatch.alert;

import io.credwatch.check.Category;
import io.credwatch.net.CappedBody;
import io.credwatch.net.NetworkFailure;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
            // Only the status matters: the body is not read at all (a receiver could send 50 MB,
            // or send it a byte at a time), and the whole call is bounded, not just the wait for
            // the headers, which is all the request timeout covers.
            CompletableFuture<HttpResponse<CappedBody.Bytes>> call = http.get().sendAsync(request,
                    CappedBody.handler(0));
            try {
                int status = call.get(retry.requestTimeout().toNanos(), TimeUnit.NANOSECONDS).statusCode();
                if (status / 100 == 2) {
                    return true;
                }
                failure = "HTTP " + status;
                if (status / 100 == 4 && status != 408 && status != 429) {
                    break;
                }
            } catch (TimeoutException e) {
                call.cancel(true);
                failure = noAnswer();
            } catch (ExecutionException e) {
                // In credwatch's words: the exception's message may hold the URL. The client's own
                // request timeout is the same bound as the wait above, and either may fire first.
                NetworkFailure network = NetworkFailure.classify(e.getCause());
                failure = network.kind() == NetworkFailure.Kind.TIMEOUT ? noAnswer() : network.message();
            } catch (InterruptedException e) {
                call.cancel(true);
                throw e;
            }
        }
        LOG.warn("{}: alert for {} not delivered ({}); gave up", webhook, check, failure);
        return false;
    }

    private String noAnswer() {
        return "no answer within " + retry.requestTimeout().toMillis() + "ms";
    }
}
