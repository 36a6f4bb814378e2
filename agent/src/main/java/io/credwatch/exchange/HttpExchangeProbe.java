package io.credwatch.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.check.Category;
import io.credwatch.config.ExchangeType;
import io.credwatch.credential.ApiCredentials;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The steps every exchange shares: make sure the run may ask at all (no pause, budget left),
 * measure the clock with the public call, then ask about the key, and turn whatever ends a
 * step into the outcome in one place.
 */
abstract class HttpExchangeProbe implements ExchangeProbe {

    final ExchangeHttp http;
    final Clock clock;
    private final ExchangeType exchange;

    HttpExchangeProbe(ExchangeHttp http, ExchangeType exchange) {
        this.http = http;
        this.clock = http.clock();
        this.exchange = exchange;
    }

    @Override
    public final ExchangeType exchange() {
        return exchange;
    }

    @Override
    public final ProbeOutcome probe(ApiCredentials credentials, Instant deadline) throws InterruptedException {
        OutcomeBuilder out = new OutcomeBuilder(exchange(), credentials);
        try {
            // The whole run's signed calls are paid for before the first request: a run cut off
            // half-way by its budget would report a permission it merely did not ask about.
            http.mayStart(exchange.signedCallsPerRun());
            out.clockOffset(measureClock(deadline));
            out.privateCalled();
            probeKey(credentials, deadline, out);
        } catch (ProbeFailure f) {
            out.failure(f);
        }
        return out.build();
    }

    @Override
    public final ProbeOutcome probePublic(Instant deadline) throws InterruptedException {
        OutcomeBuilder out = new OutcomeBuilder(exchange(), null);
        try {
            http.mayStart(0);
            out.clockOffset(measureClock(deadline));
        } catch (ProbeFailure f) {
            out.failure(f);
        }
        return out.build();
    }

    /** The exchange's clock minus this host's, from its public time call. */
    abstract Duration measureClock(Instant deadline) throws ProbeFailure, InterruptedException;

    /**
     * The usual public time call: a 2xx JSON answer whose body has the server's time, read by
     * {@code serverTime}; where that finds none, the {@code Date} header is used.
     */
    final Duration clockFromBody(SignedRequest timeCall, Instant deadline, Function<JsonNode, Optional<Instant>> serverTime)
            throws ProbeFailure, InterruptedException {
        Reply reply = http.send(timeCall, deadline);
        requireSuccess(reply, timeCall);
        return offset(reply, serverTime.apply(json(reply, timeCall)), timeCall);
    }

    /** The signed call(s): on success records {@code authenticated} and what the key may do; else throws. */
    abstract void probeKey(ApiCredentials credentials, Instant deadline, OutcomeBuilder out)
            throws ProbeFailure, InterruptedException;

    /**
     * Where an exchange puts its verdict in a JSON answer.
     *
     * @param successCode the code meaning success; null where success is the code's absence (Binance)
     */
    record Envelope(String codeField, String successCode, String messageField) {
    }

    /** An accepted signed call's body and status. */
    record Answer(JsonNode body, int status) {
    }

    /**
     * Sends a signed request and insists it was accepted: the exchange's code, when it is not
     * success, becomes the refusal its {@link ErrorCodes} name; a rate-limit code pauses the host.
     */
    final Answer accepted(SignedRequest request, Instant deadline, Envelope envelope, ErrorCodes codes)
            throws ProbeFailure, InterruptedException {
        Reply reply = http.sendSigned(request, deadline);
        JsonNode body = json(reply, request);
        Optional<String> code = code(body.path(envelope.codeField()));
        String message = text(body.path(envelope.messageField()));
        if (code.isPresent() && !code.get().equals(envelope.successCode())) {
            ProbeFailure refusal = codes.refusal(code.get(), message, reply.status());
            throw refusal.category() == Category.RATE_LIMITED ? http.rateLimited(reply, request, refusal) : refusal;
        }
        if (code.isEmpty() && envelope.successCode() != null || reply.status() / 100 != 2) {
            throw new ProbeFailure(Category.BAD_RESPONSE, "answer to " + request
                    + " has no success code (HTTP " + reply.status() + ")", reply.status());
        }
        return new Answer(body, reply.status());
    }

    /** The body as a JSON object, or {@code BAD_RESPONSE} naming the call and status, never quoting the body. */
    static JsonNode json(Reply reply, SignedRequest request) throws ProbeFailure {
        try {
            JsonNode node = Json.MAPPER.readTree(reply.body());
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // reported below, without the parser's message: it quotes the body
        }
        throw new ProbeFailure(Category.BAD_RESPONSE, "answer to " + request + " is not a JSON object (HTTP "
                + reply.status() + ", " + reply.body().length + " bytes)", reply.status());
    }

    /** A code that may arrive as a number or as a numeric string (Crypto.com sends both). */
    static Optional<String> code(JsonNode node) {
        if (node.isIntegralNumber()) {
            return Optional.of(node.asText());
        }
        if (node.isTextual() && !node.textValue().isBlank()) {
            return Optional.of(node.textValue().trim());
        }
        return Optional.empty();
    }

    static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : "";
    }

    /**
     * The offset from the body's server time when it has one, else from the {@code Date}
     * header. A Date has whole seconds, so the server's time lay somewhere in the second after
     * it: taking the middle halves the error (±0.5 s, not 0 to -1 s).
     */
    static Duration offset(Reply reply, Optional<Instant> bodyTime, SignedRequest request) throws ProbeFailure {
        Optional<Instant> serverTime = bodyTime.or(() -> reply.date().map(date -> date.plusMillis(500)));
        if (serverTime.isEmpty()) {
            throw new ProbeFailure(Category.BAD_RESPONSE, "answer to " + request + " carries no server time", reply.status());
        }
        return reply.offsetOf(serverTime.get());
    }

    /**
     * A public time call answered with anything but 2xx is not a time. (A rate limit never gets
     * here: {@link ExchangeHttp} ends the run on it.)
     */
    static void requireSuccess(Reply reply, SignedRequest request) throws ProbeFailure {
        if (reply.status() / 100 != 2) {
            throw new ProbeFailure(Category.BAD_RESPONSE, request + " answered HTTP " + reply.status(), reply.status());
        }
    }

    static Optional<Instant> epochMillis(JsonNode node) {
        if (node.isIntegralNumber() || node.isTextual() && node.asText().matches("\\d{10,16}")) {
            return Optional.of(Instant.ofEpochMilli(node.asLong()));
        }
        return Optional.empty();
    }

    /**
     * Built by the first answer read, not with the probes: those are built before the server
     * listens, and Jackson's mapper has no business on the start path (docs/performance.md).
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
