package io.credwatch.exchange;

import java.util.Map;
import java.util.Objects;

/**
 * A request ready to send: what a signer produces and the transport sends as it is, so the
 * bytes signed are the bytes sent. Holds a signature and, for Alpaca, the secret itself:
 * {@code toString()} shows the method and path only.
 *
 * @param pathAndQuery below the base URL, starting with {@code /}, the query exactly as signed
 * @param body empty for a GET
 */
public record SignedRequest(String method, String pathAndQuery, String body, Map<String, String> headers) {

    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        body = body == null ? "" : body;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static SignedRequest get(String pathAndQuery, Map<String, String> headers) {
        return new SignedRequest("GET", pathAndQuery, "", headers);
    }

    @Override
    public String toString() {
        int q = pathAndQuery.indexOf('?');
        return method + " " + (q < 0 ? pathAndQuery : pathAndQuery.substring(0, q));
    }
}
