package io.credwatch.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.credential.ApiCredentials;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Crypto.com Exchange v1: a private method is a POST of {@code {id, method, params, api_key,
 * sig, nonce}} to {@code {base}/{method}}, {@code sig} being the hex HMAC-SHA256 of
 * {@code method + id + api_key + paramString + nonce}.
 */
public final class CryptoComSigner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CryptoComSigner() {
    }

    /**
     * The params as Crypto.com signs them: keys ascending, each followed by its value, no
     * separators; a nested object the same way, a list as its items one after the other.
     */
    public static String paramString(Map<String, ?> params) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(params).forEach((key, value) -> {
            out.append(key);
            appendValue(out, value);
        });
        return out.toString();
    }

    private static void appendValue(StringBuilder out, Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> nested = new LinkedHashMap<>();
            map.forEach((k, v) -> nested.put(String.valueOf(k), v));
            out.append(paramString(nested));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> appendValue(out, item));
        } else {
            out.append(value);
        }
    }

    public static String signature(ApiCredentials credentials, String method, long id, long nonce,
                                   Map<String, ?> params) {
        String payload = method + id + credentials.key() + paramString(params) + nonce;
        return HmacSha256.hex(credentials.secret(), payload);
    }

    /** The signed POST; {@code params} is always sent as an object, {@code {}} when empty, never {@code []}. */
    public static SignedRequest request(ApiCredentials credentials, String method, long id, long nonce,
                                        Map<String, ?> params) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("method", method);
        body.put("params", new LinkedHashMap<>(params));
        body.put("api_key", credentials.key());
        body.put("sig", signature(credentials, method, id, nonce, params));
        body.put("nonce", nonce);
        try {
            return new SignedRequest("POST", "/" + method, JSON.writeValueAsString(body),
                    Map.of("Content-Type", "application/json"));
        } catch (JsonProcessingException e) {
            // Without naming the body: it holds the key and the signature.
            throw new IllegalArgumentException("params cannot be written as JSON");
        }
    }
}
