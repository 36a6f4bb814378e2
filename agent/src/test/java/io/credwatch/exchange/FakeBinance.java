package io.credwatch.exchange;

import com.sun.net.httpserver.HttpExchange;
import io.credwatch.credential.ApiCredentials;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Binance spot: {@code signature} last over the parameter string; timestamp < server + 1000 and
 * server - timestamp <= recvWindow. With a registered public key (an Ed25519 or RSA API key) the
 * signature is the percent-encoded base64 signature over the same string, checked with that key.
 */
final class FakeBinance extends FakeExchange {

    volatile String restrictions = """
            {"ipRestrict":true,"createTime":1623840271000,"enableReading":true,"enableWithdrawals":true,
             "enableInternalTransfer":false,"enableMargin":false,"enableFutures":false,"permitsUniversalTransfer":false,
             "enableVanillaOptions":false,"enableSpotAndMarginTrading":true,
             "tradingAuthorityExpirationTime":1893456000000}""";

    FakeBinance(ApiCredentials known) {
        super(known, "/api/v3/time", Set.of("/sapi/v1/account/apiRestrictions"));
    }

    @Override
    void answerTime(HttpExchange ex, Request request) throws IOException {
        sendJson(ex, 200, Map.of("serverTime", now().toEpochMilli()));
    }

    @Override
    String refusal(Request request) {
        if (!request.header("X-MBX-APIKEY").equals(known.key())) {
            return "-2015";
        }
        String query = request.rawQuery();
        int at = query.lastIndexOf("&signature=");
        if (at < 0) {
            return "-1102";
        }
        String params = query.substring(0, at);
        String signature = query.substring(at + "&signature=".length());
        boolean valid = registered != null
                ? signedByRegistered(params, URLDecoder.decode(signature, StandardCharsets.UTF_8))
                : hex(hmac(known.secret(), params)).equals(signature);
        if (!valid) {
            return "-1022";
        }
        Map<String, String> values = new HashMap<>();
        for (String pair : params.split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        long timestamp = number(values.getOrDefault("timestamp", ""));
        long recvWindow = values.containsKey("recvWindow") ? number(values.get("recvWindow")) : 5000;
        long server = now().toEpochMilli();
        return timestamp < server + 1000 && server - timestamp <= recvWindow ? null : "-1021";
    }

    @Override
    String ipRefusal() {
        return "-2015";
    }

    @Override
    void answerError(HttpExchange ex, Request request, String code, String message) throws IOException {
        int status = switch (code) {
            case "-2014", "-2015" -> 401;
            case "-1003" -> 429;
            default -> 400;
        };
        sendJson(ex, status, Map.of("code", Integer.parseInt(code), "msg", message));
    }

    @Override
    void answerSuccess(HttpExchange ex, Request request) throws IOException {
        sendJson(ex, 200, JSON.readTree(restrictions));
    }
}
