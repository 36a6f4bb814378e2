package io.credwatch.exchange;

import io.credwatch.check.Category;
import io.credwatch.net.CappedBody;
import io.credwatch.net.NetworkFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Sends one exchange's requests: every attempt bounded by the time left, transient failures
 * (the network, 5xx, 429) retried up to {@link #MAX_RETRIES} times with a short jittered
 * backoff that never runs past the deadline, bodies capped at {@link #MAX_BODY_BYTES}.
 */
final class ExchangeHttp {

    /** An exchange's JSON answer is kilobytes; a megabyte is already garbage, and 64 MiB of heap is shared. */
    static final int MAX_BODY_BYTES = 1 << 20;
    static final int MAX_RETRIES = 3;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    private final Supplier<HttpClient> http;
    private final String base;
    private final Clock clock;
    private final Duration attemptTimeout;
    private final RandomGenerator random;

    /**
     * @param base           the exchange's base URL, e.g. {@code https://api.bybit.com}; paths are appended
     * @param attemptTimeout the longest one attempt may take, whatever the deadline leaves
     */
    ExchangeHttp(Supplier<HttpClient> http, URI base, Clock clock, Duration attemptTimeout, RandomGenerator random) {
        String text = base.toString();
        this.http = http;
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.clock = clock;
        this.attemptTimeout = attemptTimeout;
        this.random = random;
    }

    Clock clock() {
        return clock;
    }

    /**
     * The first answer that is not transient, whatever its status: a 401 with the exchange's
     * code in it is an answer, for the probe to read.
     *
     * @throws ProbeFailure no answer in time, a 5xx or 429 after the last retry, or a body past the cap
     */
    Reply send(SignedRequest request, Instant deadline) throws ProbeFailure, InterruptedException {
        ProbeFailure last = null;
        for (int attempt = 0; ; attempt++) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw last != null ? last : new ProbeFailure(Category.TIMEOUT, "no time left for " + request, 0);
            }
            try {
                Reply reply = once(request, left.compareTo(attemptTimeout) < 0 ? left : attemptTimeout);
                ProbeFailure failure = transientFailure(reply);
                if (failure == null) {
                    return reply;
                }
                last = failure;
            } catch (ProbeFailure f) {
                if (!f.isTransient()) {
                    throw f;
                }
                // A retry the deadline cut short says less than the failure that made it a retry
                // (an untrusted certificate, a 503), which is what the operator must read.
                last = f.category() == Category.TIMEOUT && last != null ? last : f;
            }
            Duration pause = backoff(attempt);
            if (attempt == MAX_RETRIES || clock.instant().plus(pause).isAfter(deadline)) {
                throw last;
            }
            Thread.sleep(pause.toMillis());
        }
    }

    private static ProbeFailure transientFailure(Reply reply) {
        int status = reply.status();
        if (status >= 500) {
            return new ProbeFailure(Category.UNAVAILABLE, "HTTP " + status, status);
        }
        if (status == 429) {
            return new ProbeFailure(Category.RATE_LIMITED, "HTTP 429: rate limited", status);
        }
        return null;
    }

    /** 100, 200, 400 ms, each stretched or shrunk by up to half: retries from many hosts do not align. */
    private Duration backoff(int attempt) {
        long millis = FIRST_BACKOFF.toMillis() << attempt;
        return Duration.ofMillis(Math.round(millis * (0.5 + random.nextDouble())));
    }

    private Reply once(SignedRequest request, Duration bound) throws ProbeFailure, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.pathAndQuery()))
                .timeout(bound)
                .header("Accept", "application/json")
                .header("User-Agent", "credwatch");
        request.headers().forEach(builder::header);
        builder.method(request.method(), request.body().isEmpty()
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body()));
        Instant sentAt = clock.instant();
        CompletableFuture<HttpResponse<CappedBody.Bytes>> call =
                http.get().sendAsync(builder.build(), CappedBody.handler(MAX_BODY_BYTES));
        HttpResponse<CappedBody.Bytes> response;
        try {
            // The request timeout covers the wait for headers only; this bounds the body too.
            response = call.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new ProbeFailure(Category.TIMEOUT, "no answer to " + request + " within " + bound.toMillis() + "ms", 0);
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            NetworkFailure failure = NetworkFailure.classify(e.getCause());
            throw new ProbeFailure(Category.valueOf(failure.kind().name()), request + ": " + failure.message(), 0);
        }
        Instant receivedAt = clock.instant();
        if (response.body().truncated()) {
            throw new ProbeFailure(Category.BAD_RESPONSE,
                    "answer to " + request + " longer than " + MAX_BODY_BYTES + " bytes", response.statusCode());
        }
        Optional<Instant> date = response.headers().firstValue("Date").flatMap(ExchangeHttp::httpDate);
        return new Reply(response.statusCode(), response.body().bytes(), date, sentAt, receivedAt);
    }

    private static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
