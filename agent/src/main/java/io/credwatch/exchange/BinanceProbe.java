package io.credwatch.exchange;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Set;

/**
 * Binance spot: {@code /sapi/v1/account/apiRestrictions} says what the key may do and whether
 * it is bound to IPs (not which ones). Note the spot testnet has no {@code /sapi}.
 */
public final class BinanceProbe extends HttpExchangeProbe {

    public static final URI PRODUCTION = URI.create("https://api.binance.com");
    static final long RECV_WINDOW = 5000;
    /** -2015 is one code for a bad key, an IP off the list, or a missing permission. */
    static final ErrorCodes CODES = new ErrorCodes(Map.of(
            "-1003", Category.RATE_LIMITED,
            "-1021", Category.CLOCK_SKEW,
            "-1022", Category.AUTH_FAILED,
            "-2008", Category.AUTH_FAILED,
            "-2014", Category.AUTH_FAILED,
            "-2015", Category.AUTH_FAILED), Set.of("-2015"));
    static final Envelope ENVELOPE = new Envelope("code", null, "msg");
    static final String RESTRICTIONS = "/sapi/v1/account/apiRestrictions";
    private static final SignedRequest TIME = SignedRequest.get("/api/v3/time", Map.of());
    private static final Set<String> TRADING = Set.of("enableSpotAndMarginTrading", "enableFutures", "enableMargin",
            "enableVanillaOptions", "enablePortfolioMarginTrading");
    private static final Set<String> TRANSFERS = Set.of("enableInternalTransfer", "permitsUniversalTransfer");

    BinanceProbe(ExchangeHttp http) {
        super(http, ExchangeType.BINANCE);
    }

    @Override
    Duration measureClock(Instant deadline) throws ProbeFailure, InterruptedException {
        return clockFromBody(TIME, deadline, body -> epochMillis(body.path("serverTime")));
    }

    @Override
    void probeKey(ApiCredentials credentials, Instant deadline, OutcomeBuilder out)
            throws ProbeFailure, InterruptedException {
        SignedRequest request = BinanceSigner.get(credentials, clock.millis(), RECV_WINDOW, RESTRICTIONS, "");
        Answer answer = accepted(request, deadline, ENVELOPE, CODES);
        JsonNode key = answer.body();
        out.authenticated(answer.status()).permissions(permissions(key));
        if (key.path("ipRestrict").isBoolean()) {
            out.boundIps(key.path("ipRestrict").booleanValue(), List.of());
        }
        epochMillis(key.path("tradingAuthorityExpirationTime")).ifPresent(out::keyExpiresAt);
    }

    static KeyPermissions permissions(JsonNode key) {
        Set<Permission> normalized = EnumSet.noneOf(Permission.class);
        List<String> raw = new ArrayList<>();
        key.fields().forEachRemaining(field -> {
            String name = field.getKey();
            if (!field.getValue().isBoolean() || !field.getValue().booleanValue() || name.equals("ipRestrict")) {
                return;
            }
            raw.add(name);
            if (name.equals("enableReading")) {
                normalized.add(Permission.READ);
            } else if (name.equals("enableWithdrawals")) {
                normalized.add(Permission.WITHDRAW);
            } else if (TRADING.contains(name)) {
                normalized.add(Permission.TRADE);
            } else if (TRANSFERS.contains(name)) {
                normalized.add(Permission.TRANSFER);
            }
        });
        return new KeyPermissions(KeyPermissions.Source.REPORTED, normalized, raw);
    }
}
