package io.credwatch.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.credwatch.check.Category;
import io.credwatch.config.ExchangeType;
import io.credwatch.credential.ApiCredentials;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Alpaca's trading API: no signature, a key pair in headers, verdicts in the HTTP status.
 * The clock call is sent without the key: the secret itself travels in Alpaca's headers, so
 * it goes only where it must ({@code /v2/account}); an unauthenticated clock still has a
 * {@code Date} header.
 */
public final class AlpacaProbe extends HttpExchangeProbe {

    public static final URI PRODUCTION = URI.create("https://api.alpaca.markets");
    static final String ACCOUNT = "/v2/account";
    private static final SignedRequest CLOCK = SignedRequest.get("/v2/clock", Map.of());

    private final AlpacaEnvironment environment;

    AlpacaProbe(ExchangeHttp http, AlpacaEnvironment environment) {
        super(http, ExchangeType.ALPACA);
        this.environment = environment;
    }

    @Override
    Duration measureClock(Instant deadline) throws ProbeFailure, InterruptedException {
        Reply reply = http.send(CLOCK, deadline);
        Optional<Instant> bodyTime = Optional.empty();
        if (reply.status() == 200) {
            bodyTime = timestamp(json(reply, CLOCK).path("timestamp"));
        } else if (reply.status() != 401 && reply.status() != 403) {
            requireSuccess(reply, CLOCK);
        }
        return offset(reply, bodyTime, CLOCK);
    }

    @Override
    void probeKey(ApiCredentials credentials, Instant deadline, OutcomeBuilder out)
            throws ProbeFailure, InterruptedException {
        String mismatch = environment.mismatch(credentials.key());
        if (mismatch != null) {
            out.environmentMismatch(mismatch);
        }
        SignedRequest request = AlpacaSigner.get(credentials, ACCOUNT);
        Reply reply = http.sendSigned(request, deadline);
        if (reply.status() == 401 || reply.status() == 403 || reply.status() == 418) {
            throw refusal(reply, request);
        }
        if (reply.status() != 200) {
            throw new ProbeFailure(Category.BAD_RESPONSE, request + " answered HTTP " + reply.status(), reply.status());
        }
        JsonNode account = json(reply, request);
        out.authenticated(reply.status())
                .permissions(new KeyPermissions(KeyPermissions.Source.INFERRED, Set.of(Permission.READ), List.of()))
                .account(new AccountState(account.path("status").asText(""),
                        account.path("trading_blocked").asBoolean(false),
                        account.path("account_blocked").asBoolean(false)));
    }

    /** Alpaca's code in the body when it sends one ({@code 40110000}), else the status. */
    private static ProbeFailure refusal(Reply reply, SignedRequest request) {
        String code = Integer.toString(reply.status());
        String message = "HTTP " + reply.status();
        try {
            JsonNode body = json(reply, request);
            code = code(body.path("code")).orElse(code);
            message = text(body.path("message"));
        } catch (ProbeFailure notJson) {
            // the status alone decides
        }
        Category category = reply.status() == 401 ? Category.AUTH_FAILED
                : reply.status() == 403 ? Category.PERMISSION_MISSING : Category.RATE_LIMITED;
        return new ProbeFailure(category, message, reply.status(), Redaction.code(code), false);
    }

    private static Optional<Instant> timestamp(JsonNode node) {
        try {
            return Optional.of(OffsetDateTime.parse(node.asText("")).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
