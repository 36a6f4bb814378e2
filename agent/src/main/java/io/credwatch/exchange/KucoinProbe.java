package io.credwatch.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.credwatch.check.Category;
import io.credwatch.config.ExchangeType;
import io.credwatch.credential.ApiCredentials;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * KuCoin: {@code /api/v1/user/api-key} describes the key; where it cannot be read (an older
 * deployment, an answer credwatch does not understand), {@code /api/v1/accounts} still proves
 * the key authenticates, with its permissions unknown.
 */
public final class KucoinProbe extends HttpExchangeProbe {

    public static final URI PRODUCTION = URI.create("https://api.kucoin.com");
    static final ErrorCodes CODES = new ErrorCodes(Map.of(
            "400001", Category.AUTH_FAILED,
            "400002", Category.CLOCK_SKEW,
            "400003", Category.AUTH_FAILED,
            "400004", Category.AUTH_FAILED,
            "400005", Category.AUTH_FAILED,
            "400006", Category.IP_NOT_ALLOWLISTED,
            "400007", Category.PERMISSION_MISSING,
            "429000", Category.RATE_LIMITED), Set.of());
    static final Envelope ENVELOPE = new Envelope("code", "200000", "msg");
    static final String API_KEY = "/api/v1/user/api-key";
    static final String ACCOUNTS = "/api/v1/accounts";
    private static final SignedRequest TIME = SignedRequest.get("/api/v1/timestamp", Map.of());
    private static final Set<String> TRADING = Set.of("Spot", "Margin", "Futures", "Unified", "Trade", "Earn");

    KucoinProbe(ExchangeHttp http) {
        super(http, ExchangeType.KUCOIN);
    }

    @Override
    Duration measureClock(Instant deadline) throws ProbeFailure, InterruptedException {
        return clockFromBody(TIME, deadline, body -> epochMillis(body.path("data")));
    }

    @Override
    void probeKey(ApiCredentials credentials, Instant deadline, OutcomeBuilder out)
            throws ProbeFailure, InterruptedException {
        Answer answer;
        try {
            answer = accepted(KucoinSigner.get(credentials, clock.millis(), API_KEY), deadline, ENVELOPE, CODES);
        } catch (ProbeFailure f) {
            if (f.category() != Category.BAD_RESPONSE) {
                throw f;
            }
            Answer accounts = accepted(KucoinSigner.get(credentials, clock.millis(), ACCOUNTS), deadline, ENVELOPE, CODES);
            out.authenticated(accounts.status()).note(API_KEY + " unreadable; permissions and IPs unknown");
            return;
        }
        JsonNode key = answer.body().path("data");
        out.authenticated(answer.status()).permissions(permissions(key.path("permission").asText("")));
        List<String> ips = list(key.path("ipWhitelist"));
        out.boundIps(!ips.isEmpty() && !ips.contains("*"), ips);
    }

    static KeyPermissions permissions(String commaList) {
        Set<Permission> normalized = EnumSet.noneOf(Permission.class);
        List<String> raw = split(commaList);
        for (String name : raw) {
            if (name.equals("General")) {
                normalized.add(Permission.READ);
            } else if (name.startsWith("Withdraw")) {
                normalized.add(Permission.WITHDRAW);
            } else if (name.equals("Transfer")) {
                normalized.add(Permission.TRANSFER);
            } else if (TRADING.contains(name)) {
                normalized.add(Permission.TRADE);
            }
        }
        return new KeyPermissions(KeyPermissions.Source.REPORTED, normalized, raw);
    }

    /** The whitelist arrives as a comma list in a string; an array is read too. */
    private static List<String> list(JsonNode node) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(item.asText()));
            return items;
        }
        return split(node.asText(""));
    }

    private static List<String> split(String commaList) {
        return Arrays.stream(commaList.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
