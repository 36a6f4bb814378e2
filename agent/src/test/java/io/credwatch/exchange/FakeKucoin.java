package io.credwatch.exchange;

import com.sun.net.httpserver.HttpExchange;
import io.credwatch.credential.ApiCredentials;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** KuCoin, key version 2: base64 signature over timestamp + METHOD + path?query + body; passphrase HMACed; 5 s window. */
final class FakeKucoin extends FakeExchange {

    static final long WINDOW_MILLIS = 5000;

    volatile String keyInfo = """
            {"remark":"bot","apiKey":"%s","apiVersion":3,"permission":"General,Spot,Transfer",
             "ipWhitelist":"203.0.113.7,198.51.100.4","createdAt":1700000000000,"uid":1,"isMaster":true}""";

    FakeKucoin(ApiCredentials known) {
        super(known, "/api/v1/timestamp", Set.of("/api/v1/user/api-key", "/api/v1/accounts"));
    }

    @Override
    void answerTime(HttpExchange ex, Request request) throws IOException {
        sendJson(ex, 200, Map.of("code", "200000", "msg", "success", "data", now().toEpochMilli()));
    }

    @Override
    String refusal(Request request) {
        String key = request.header("KC-API-KEY");
        if (key.isEmpty() || request.header("KC-API-SIGN").isEmpty() || !request.header("KC-API-KEY-VERSION").equals("2")) {
            return "400001";
        }
        if (!key.equals(known.key())) {
            return "400003";
        }
        if (!base64(hmac(known.secret(), known.passphrase())).equals(request.header("KC-API-PASSPHRASE"))) {
            return "400004";
        }
        if (Math.abs(now().toEpochMilli() - number(request.header("KC-API-TIMESTAMP"))) > WINDOW_MILLIS) {
            return "400002";
        }
        String target = request.path() + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
        String signed = request.header("KC-API-TIMESTAMP") + request.method() + target + request.body();
        return base64(hmac(known.secret(), signed)).equals(request.header("KC-API-SIGN")) ? null : "400005";
    }

    @Override
    String ipRefusal() {
        return "400006";
    }

    @Override
    void answerError(HttpExchange ex, Request request, String code, String message) throws IOException {
        int status = switch (code) {
            case "400007" -> 403;
            case "429000" -> 429;
            default -> 401;
        };
        sendJson(ex, status, Map.of("code", code, "msg", message));
    }

    @Override
    void answerSuccess(HttpExchange ex, Request request) throws IOException {
        Object data = request.path().equals("/api/v1/accounts")
                ? List.of(Map.of("id", "1", "currency", "USDT", "type", "trade", "balance", "1"))
                : JSON.readTree(keyInfo.formatted(known.key()));
        sendJson(ex, 200, Map.of("code", "200000", "data", data));
    }
}
