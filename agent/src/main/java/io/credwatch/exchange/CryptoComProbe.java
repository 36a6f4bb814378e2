package io.credwatch.exchange;

import io.credwatch.check.Category;
import io.credwatch.config.ExchangeType;
import io.credwatch.credential.ApiCredentials;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Crypto.com Exchange v1. It has no call that lists a key's permissions: Read is proven by
 * {@code private/user-balance}, Trade inferred from {@code private/get-open-orders} being
 * allowed. Its tickers carry no server time, so the clock is read from the {@code Date} header.
 */
public final class CryptoComProbe extends HttpExchangeProbe {

    public static final URI PRODUCTION = URI.create("https://api.crypto.com/exchange/v1");

    /**
     * 40101 is ambiguous: operators see it, not 40103, from an IP missing from the whitelist
     * (reference/exchanges.md, the seed incident).
     */
    static final ErrorCodes CODES = new ErrorCodes(Map.of(
            "40101", Category.AUTH_FAILED,
            "40102", Category.CLOCK_SKEW,
            "40103", Category.IP_NOT_ALLOWLISTED,
            "40104", Category.PERMISSION_MISSING,
            "42901", Category.RATE_LIMITED,
            "50001", Category.UNAVAILABLE), Set.of("40101"));
    static final Envelope ENVELOPE = new Envelope("code", "0", "message");
    static final String BALANCE = "private/user-balance";
    static final String OPEN_ORDERS = "private/get-open-orders";
    /** One instrument keeps the answer small; only its arrival time matters. */
    private static final SignedRequest TICKERS = SignedRequest.get("/public/get-tickers?instrument_name=BTC_USD", Map.of());

    private long lastNonce;

    CryptoComProbe(ExchangeHttp http) {
        super(http, ExchangeType.CRYPTOCOM);
    }

    @Override
    Duration measureClock(Instant deadline) throws ProbeFailure, InterruptedException {
        return clockFromBody(TICKERS, deadline, body -> Optional.empty());
    }

    @Override
    void probeKey(ApiCredentials credentials, Instant deadline, OutcomeBuilder out)
            throws ProbeFailure, InterruptedException {
        Answer balance = accepted(signed(credentials, BALANCE), deadline, ENVELOPE, CODES);
        out.authenticated(balance.status());
        Set<Permission> permissions = EnumSet.of(Permission.READ);
        List<String> allowed = new ArrayList<>(List.of(BALANCE));
        try {
            accepted(signed(credentials, OPEN_ORDERS), deadline, ENVELOPE, CODES);
            permissions.add(Permission.TRADE);
            allowed.add(OPEN_ORDERS);
        } catch (ProbeFailure f) {
            if (f.category() == Category.RATE_LIMITED || f.category() == Category.CALL_BUDGET_SPENT) {
                // Not asked is not refused: reporting Trade missing would page someone for a rate limit.
                throw f;
            }
            out.note(OPEN_ORDERS + " not allowed (" + (f.errorCode().isEmpty() ? f.category() : "code " + f.errorCode())
                    + "): Trade permission not inferred");
        }
        out.permissions(new KeyPermissions(KeyPermissions.Source.INFERRED, permissions, allowed));
    }

    /** id = nonce = now in ms, and strictly increasing: the exchange refuses a nonce it has seen. */
    private synchronized SignedRequest signed(ApiCredentials credentials, String method) {
        long nonce = Math.max(clock.millis(), lastNonce + 1);
        lastNonce = nonce;
        return CryptoComSigner.request(credentials, method, nonce, nonce, Map.of());
    }
}
