package io.credwatch.exchange;

import com.sun.net.httpserver.HttpExchange;
import io.credwatch.credential.ApiCredentials;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

/** Alpaca's trading API: the key pair in two headers on every call, the clock included; verdicts by HTTP status. */
final class FakeAlpaca extends FakeExchange {

    volatile String account = """
            {"id":"acc-1","account_number":"PA1","status":"ACTIVE","currency":"USD",
             "trading_blocked":false,"account_blocked":false,"transfers_blocked":false}""";

    FakeAlpaca(ApiCredentials known) {
        super(known, "/v2/clock", Set.of("/v2/account"));
    }

    @Override
    void answerTime(HttpExchange ex, Request request) throws IOException {
        if (refusal(request) != null) {
            answerError(ex, request, "401", "request is not authorized");
            return;
        }
        sendJson(ex, 200, Map.of("timestamp", now().atOffset(ZoneOffset.ofHours(-4)).toString(), "is_open", false));
    }

    @Override
    String refusal(Request request) {
        boolean pair = request.header("APCA-API-KEY-ID").equals(known.key())
                && request.header("APCA-API-SECRET-KEY").equals(known.secret());
        return pair ? null : "401";
    }

    @Override
    String ipRefusal() {
        return "403";
    }

    @Override
    void answerError(HttpExchange ex, Request request, String code, String message) throws IOException {
        sendJson(ex, Integer.parseInt(code), Map.of("code", Long.parseLong(alpacaCode(code)), "message", message));
    }

    /** Alpaca's body codes: 40110000 "request is not authorized", 40310000 "forbidden". */
    static String alpacaCode(String status) {
        return status + "10000";
    }

    @Override
    void answerSuccess(HttpExchange ex, Request request) throws IOException {
        sendJson(ex, 200, JSON.readTree(account));
    }
}
