package io.credwatch.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.credwatch.credential.ApiCredentials;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Crypto.com Exchange v1: JSON-RPC-like POSTs, {@code sig} over method + id + api_key + params + nonce. */
final class FakeCryptoCom extends FakeExchange {

    static final Duration NONCE_WINDOW = Duration.ofSeconds(60);

    /** What an IP off the whitelist gets: 40101 as operators report in practice, or the documented 40103. */
    volatile String ipCode = "40101";
    /** Crypto.com sends its code as a number or as a numeric string. */
    volatile boolean codeAsString;

    FakeCryptoCom(ApiCredentials known) {
        super(known, "/public/get-tickers", Set.of("/private/user-balance", "/private/get-open-orders"));
    }

    @Override
    void answerTime(HttpExchange ex, Request request) throws IOException {
        sendJson(ex, 200, Map.of("id", -1, "method", "public/get-tickers", "code", 0,
                "result", Map.of("data", List.of(Map.of("i", "BTC_USD", "a", "37000.1")))));
    }

    @Override
    String refusal(Request request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            return "40001";
        }
        if (body == null || !body.path("params").isObject() || !request.path().equals("/" + body.path("method").asText())) {
            return "40001";
        }
        if (!known.key().equals(body.path("api_key").asText())) {
            return "40101";
        }
        if (Math.abs(now().toEpochMilli() - body.path("nonce").asLong()) > NONCE_WINDOW.toMillis()) {
            return "40102";
        }
        String payload = body.path("method").asText() + body.path("id").asText() + body.path("api_key").asText()
                + params(body.path("params")) + body.path("nonce").asText();
        return hex(hmac(known.secret(), payload)).equals(body.path("sig").asText()) ? null : "40101";
    }

    private static String params(JsonNode node) {
        StringBuilder out = new StringBuilder();
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue());
            }
            sorted.forEach((k, v) -> out.append(k).append(params(v)));
        } else if (node.isArray()) {
            node.forEach(item -> out.append(params(item)));
        } else {
            out.append(node.asText());
        }
        return out.toString();
    }

    @Override
    String ipRefusal() {
        return ipCode;
    }

    @Override
    void answerError(HttpExchange ex, Request request, String code, String message) throws IOException {
        int status = switch (code) {
            case "40102" -> 400;
            case "42901" -> 429;
            case "50001" -> 500;
            default -> code.startsWith("401") ? 401 : 400;
        };
        sendJson(ex, status, Map.of("id", 1, "method", request.path().substring(1),
                "code", codeAsString ? code : (Object) Long.parseLong(code), "message", message));
    }

    @Override
    void answerSuccess(HttpExchange ex, Request request) throws IOException {
        sendJson(ex, 200, Map.of("id", 1, "method", request.path().substring(1), "code", codeAsString ? "0" : (Object) 0,
                "result", Map.of("data", List.of())));
    }
}
