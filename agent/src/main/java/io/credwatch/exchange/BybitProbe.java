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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Bybit v5: {@code /v5/user/query-api} describes the key itself: permissions, bound IPs, expiry. */
public final class BybitProbe extends HttpExchangeProbe {

    public static final URI PRODUCTION = URI.create("https://api.bybit.com");
    static final long RECV_WINDOW = 5000;
    static final ErrorCodes CODES = new ErrorCodes(Map.of(
            "10002", Category.CLOCK_SKEW,
            "10003", Category.AUTH_FAILED,
            "10004", Category.AUTH_FAILED,
            "10005", Category.PERMISSION_MISSING,
            "10006", Category.RATE_LIMITED,
            "10007", Category.AUTH_FAILED,
            "10009", Category.RATE_LIMITED,
            "10010", Category.IP_NOT_ALLOWLISTED,
            "10018", Category.RATE_LIMITED,
            "33004", Category.EXPIRED), Set.of());
    static final Envelope ENVELOPE = new Envelope("retCode", "0", "retMsg");
    static final String QUERY_API = "/v5/user/query-api";
    private static final SignedRequest TIME = SignedRequest.get("/v5/market/time", Map.of());
    private static final Set<String> TRANSFERS = Set.of("AccountTransfer", "SubMemberTransfer", "SubMemberTransferList");

    BybitProbe(ExchangeHttp http) {
        super(http, ExchangeType.BYBIT);
    }

    @Override
    Duration measureClock(Instant deadline) throws ProbeFailure, InterruptedException {
        return clockFromBody(TIME, deadline, BybitProbe::serverTime);
    }

    /** {@code time} in ms, or the result's {@code timeNano}. */
    private static Optional<Instant> serverTime(JsonNode body) {
        String nanos = body.path("result").path("timeNano").asText("");
        return epochMillis(body.path("time"))
                .or(() -> nanos.matches("\\d{16,20}") ? Optional.of(Instant.ofEpochSecond(0, Long.parseLong(nanos))) : Optional.empty());
    }

    @Override
    void probeKey(ApiCredentials credentials, Instant deadline, OutcomeBuilder out)
            throws ProbeFailure, InterruptedException {
        SignedRequest request = BybitSigner.get(credentials, clock.millis(), RECV_WINDOW, QUERY_API, "");
        Answer answer = accepted(request, deadline, ENVELOPE, CODES);
        JsonNode key = answer.body().path("result");
        out.authenticated(answer.status()).permissions(permissions(key));
        List<String> ips = new ArrayList<>();
        key.path("ips").forEach(ip -> ips.add(ip.asText()));
        out.boundIps(!ips.isEmpty() && !ips.contains("*"), ips);
        expiry(key.path("expiredAt")).ifPresent(out::keyExpiresAt);
    }

    static KeyPermissions permissions(JsonNode key) {
        Set<Permission> normalized = EnumSet.of(Permission.READ);
        List<String> raw = new ArrayList<>();
        boolean readOnly = key.path("readOnly").asInt(1) == 1;
        raw.add(readOnly ? "readOnly" : "readWrite");
        key.path("permissions").fields().forEachRemaining(area -> area.getValue().forEach(p -> {
            String name = p.asText();
            raw.add(area.getKey() + ":" + name);
            if (area.getKey().equals("Wallet") && name.equals("Withdraw")) {
                normalized.add(Permission.WITHDRAW);
            } else if (area.getKey().equals("Wallet") && TRANSFERS.contains(name)) {
                normalized.add(Permission.TRANSFER);
            } else if (!readOnly && !area.getKey().equals("Wallet")) {
                normalized.add(Permission.TRADE);
            }
        }));
        return new KeyPermissions(KeyPermissions.Source.REPORTED, normalized, raw);
    }

    /** An ISO date-time; keys bound to IPs have none (empty or absent). */
    static Optional<Instant> expiry(JsonNode node) {
        String text = node.asText("");
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return epochMillis(node);
        }
    }
}
