package io.credwatch.exchange;

import com.sun.net.httpserver.HttpExchange;
import io.credwatch.credential.ApiCredentials;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Bybit v5: {@code X-BAPI-*} headers, accepted when serverTime - recvWindow <= timestamp <
 * serverTime + 1000. With a registered public key (a self-generated RSA key) {@code X-BAPI-SIGN}
 * is the base64 signature over the same string, checked with that key.
 */
final class FakeBybit extends FakeExchange {

    volatile String keyInfo = """
            {"id":"1","note":"bot","apiKey":"%s","readOnly":0,"secret":"",
             "permissions":{"ContractTrade":["Order","Position"],"Spot":["SpotTrade"],
                            "Wallet":["AccountTransfer","Withdraw"],"Options":[],"Derivatives":[]},
             "ips":["198.51.100.4","203.0.113.7"],"type":1,"deadlineDay":83,
             "expiredAt":"2030-01-02T03:04:05Z","createdAt":"2024-01-01T00:00:00Z"}""";

    FakeBybit(ApiCredentials known) {
        super(known, "/v5/market/time", Set.of("/v5/user/query-api"));
    }

    @Override
    void answerTime(HttpExchange ex, Request request) throws IOException {
        long millis = now().toEpochMilli();
        sendJson(ex, 200, Map.of("retCode", 0, "retMsg", "OK", "result",
                Map.of("timeSecond", Long.toString(millis / 1000), "timeNano", millis + "000000"),
                "retExtInfo", Map.of(), "time", millis));
    }

    @Override
    String refusal(Request request) {
        String key = request.header("X-BAPI-API-KEY");
        if (key.isEmpty()) {
            return "10007";
        }
        if (!key.equals(known.key())) {
            return "10003";
        }
        long timestamp = number(request.header("X-BAPI-TIMESTAMP"));
        long recvWindow = number(request.header("X-BAPI-RECV-WINDOW"));
        long server = now().toEpochMilli();
        if (!(server - recvWindow <= timestamp && timestamp < server + 1000)) {
            return "10002";
        }
        String signed = request.header("X-BAPI-TIMESTAMP") + key + request.header("X-BAPI-RECV-WINDOW") + request.rawQuery();
        String sign = request.header("X-BAPI-SIGN");
        boolean valid = registered != null ? signedByRegistered(signed, sign)
                : hex(hmac(known.secret(), signed)).equals(sign);
        return valid ? null : "10004";
    }

    @Override
    String ipRefusal() {
        return "10010";
    }

    @Override
    void answerError(HttpExchange ex, Request request, String code, String message) throws IOException {
        // Bybit's own 10004 quotes the string it expected to be signed, key included.
        String retMsg = code.equals("10004")
                ? "error sign! origin_string[" + request.header("X-BAPI-TIMESTAMP") + known.key()
                        + request.header("X-BAPI-RECV-WINDOW") + request.rawQuery() + "]"
                : message;
        sendJson(ex, 200, Map.of("retCode", Integer.parseInt(code), "retMsg", retMsg, "result", Map.of(),
                "retExtInfo", Map.of(), "time", now().toEpochMilli()));
    }

    @Override
    void answerSuccess(HttpExchange ex, Request request) throws IOException {
        sendJson(ex, 200, Map.of("retCode", 0, "retMsg", "", "result", JSON.readTree(keyInfo.formatted(known.key())),
                "retExtInfo", Map.of(), "time", now().toEpochMilli()));
    }
}
