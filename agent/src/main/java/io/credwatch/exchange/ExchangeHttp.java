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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Sends one exchange account's requests, with manners: every request names credwatch and its
 * version; none goes to a host that asked for a pause ({@link HostBackoff}) or past the
 * account's budget of signed calls ({@link CallBudgets}); a rate-limit answer pauses the host
 * and is never retried. Every attempt is bounded by the time left; the network and 5xx are
 * retried up to {@link #MAX_RETRIES} times with a short jittered backoff that never runs past
 * the deadline; bodies are capped at {@link #MAX_BODY_BYTES}.
 */
final class ExchangeHttp {

    /** An exchange's JSON answer is kilobytes; a megabyte is already garbage, and 64 MiB of heap is shared. */
    static final int MAX_BODY_BYTES = 1 << 20;
    static final int MAX_RETRIES = 3;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    /**
     * What an account owes its exchange.
     *
     * @param hosts         the pauses exchanges asked for, shared by every account
     * @param budget        this account's signed calls
     * @param userAgent     {@code credwatch/<version>}, so an exchange can tell who calls
     * @param limitStatuses the HTTP statuses that mean "too many" from this exchange, each with the
     *                      shortest pause it calls for (zero: the usual back-off)
     */
    record Manners(HostBackoff hosts, CallBudgets.CallBudget budget, String userAgent,
                   Map<Integer, Duration> limitStatuses) {

        Manners {
            limitStatuses = Map.copyOf(limitStatuses);
        }
    }

    private final Supplier<HttpClient> http;
    private final String base;
    private final String host;
    private final Clock clock;
    private final Duration attemptTimeout;
    private final RandomGenerator random;
    private final Manners manners;

    /**
     * @param base           the exchange's base URL, e.g. {@code https://api.bybit.com}; paths are appended
     * @param attemptTimeout the longest one attempt may take, whatever the deadline leaves
     */
    ExchangeHttp(Supplier<HttpClient> http, URI base, Clock clock, Duration attemptTimeout, RandomGenerator random,
                 Manners manners) {
        String text = base.toString();
        this.http = http;
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.host = HostBackoff.hostOf(base);
        this.clock = clock;
        this.attemptTimeout = attemptTimeout;
        this.random = random;
        this.manners = manners;
    }

    Clock clock() {
        return clock;
    }

    /**
     * Before a run sends anything: throws when it may not, because the host is paused
     * ({@code RATE_LIMITED}) or, for a run of {@code signedCalls} signed calls, the account's
     * budget cannot pay for them all ({@code CALL_BUDGET_SPENT}). Both say when that ends.
     */
    void mayStart(int signedCalls) throws ProbeFailure {
        requireNoPause();
        if (signedCalls > 0) {
            Optional<Instant> frees = manners.budget().freesAt(signedCalls);
            if (frees.isPresent()) {
                throw budgetSpent(frees.get());
            }
        }
    }

    /** A public call; as {@link #sendSigned}, without the budget. */
    Reply send(SignedRequest request, Instant deadline) throws ProbeFailure, InterruptedException {
        return exchange(request, deadline, false);
    }

    /**
     * A call that carries the key: each attempt is paid from the account's budget. The first
     * answer that is neither transient nor a rate limit is returned, whatever its status: a
     * 401 with the exchange's code in it is an answer, for the probe to read.
     *
     * @throws ProbeFailure no answer in time, a 5xx after the last retry, a body past the cap, a
     *                      rate limit (the host is then paused), a paused host, a spent budget
     */
    Reply sendSigned(SignedRequest request, Instant deadline) throws ProbeFailure, InterruptedException {
        return exchange(request, deadline, true);
    }

    private Reply exchange(SignedRequest request, Instant deadline, boolean signed)
            throws ProbeFailure, InterruptedException {
        ProbeFailure last = null;
        for (int attempt = 0; ; attempt++) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw last != null ? last : new ProbeFailure(Category.TIMEOUT, "no time left for " + request, 0);
            }
            // Asked before every attempt: another account may have been told to stop meanwhile.
            requireNoPause();
            if (signed && !manners.budget().take()) {
                throw budgetSpent(manners.budget().freesAt(1).orElse(clock.instant()));
            }
            Reply reply = null;
            try {
                reply = once(request, left.compareTo(attemptTimeout) < 0 ? left : attemptTimeout);
            } catch (ProbeFailure f) {
                if (!f.isTransient()) {
                    throw f;
                }
                // A retry the deadline cut short says less than the failure that made it a retry
                // (an untrusted certificate, a 503), which is what the operator must read.
                last = f.category() == Category.TIMEOUT && last != null ? last : f;
            }
            if (reply != null) {
                if (manners.limitStatuses().containsKey(reply.status())) {
                    throw rateLimited(reply, request, new ProbeFailure(Category.RATE_LIMITED,
                            "HTTP " + reply.status() + " to " + request + ": too many requests", reply.status()));
                }
                if (reply.status() < 500) {
                    return reply;
                }
                last = new ProbeFailure(Category.UNAVAILABLE, "HTTP " + reply.status(), reply.status());
            }
            Duration pause = backoff(attempt);
            if (attempt == MAX_RETRIES || clock.instant().plus(pause).isAfter(deadline)) {
                throw last;
            }
            Thread.sleep(pause.toMillis());
        }
    }

    /**
     * The exchange refused for load ({@code said}: the status, or its own code): the host
     * pauses until the exchange's hint or the usual back-off, and the failure says until when.
     * The pause's reason is in credwatch's words, never the exchange's: every account on the
     * host shows it, and an exchange's message may quote a request.
     */
    ProbeFailure rateLimited(Reply reply, SignedRequest request, ProbeFailure said) {
        String reason = (said.errorCode().isEmpty() ? "HTTP " + reply.status() : "code " + said.errorCode())
                + " to " + request;
        Instant until = manners.hosts().limited(host, RateLimitHints.retryAt(reply),
                manners.limitStatuses().getOrDefault(reply.status(), Duration.ZERO), reason);
        return said.until(until, "no request to " + host + " before " + until);
    }

    private void requireNoPause() throws ProbeFailure {
        Optional<HostBackoff.Pause> pause = manners.hosts().pauseOf(host);
        if (pause.isPresent()) {
            Instant until = pause.get().until();
            throw new ProbeFailure(Category.RATE_LIMITED, "no request sent: " + host + " asked for a pause ("
                    + pause.get().reason() + ")", 0).until(until, "no request to " + host + " before " + until);
        }
    }

    private ProbeFailure budgetSpent(Instant frees) {
        return new ProbeFailure(Category.CALL_BUDGET_SPENT, "no request sent: " + manners.budget().used()
                + " signed calls in the last hour, the budget is " + manners.budget().perHour(), 0)
                .until(frees, "the next is allowed at " + frees);
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
                .header("User-Agent", manners.userAgent());
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
        return new Reply(response.statusCode(), response.body().bytes(), date, sentAt, receivedAt, response.headers());
    }

    /** An HTTP date (RFC 9110 section 5.6.7), as {@code Date} and {@code Retry-After} carry it; else nothing. */
    static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
