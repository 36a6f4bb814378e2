package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Binance spot: {@code timestamp} and {@code recvWindow} go into the parameters, the signature
 * of the whole parameter string as sent is appended last as {@code signature}, and the key
 * travels in {@code X-MBX-APIKEY}. The signature is the hex HMAC-SHA256 with an HMAC secret, the
 * base64 Ed25519 or RSASSA-PKCS1-v1_5/SHA-256 signature with a private key.
 */
public final class BinanceSigner {

    private BinanceSigner() {
    }

    /** @param totalParams the query string, then the body, joined with no {@code &} (Binance's rule) */
    public static String signature(ApiCredentials credentials, String totalParams) {
        return KeySignature.hexOrBase64(credentials, totalParams);
    }

    /** @param query the call's own parameters without {@code ?}; empty for none */
    public static SignedRequest get(ApiCredentials credentials, long timestamp, long recvWindow, String path,
                                    String query) {
        String params = (query.isEmpty() ? "" : query + "&") + "timestamp=" + timestamp + "&recvWindow=" + recvWindow;
        // Base64 holds '+', '/' and '=', which a query must percent-encode; a hex HMAC passes unchanged.
        String signature = URLEncoder.encode(signature(credentials, params), StandardCharsets.UTF_8);
        return SignedRequest.get(path + "?" + params + "&signature=" + signature,
                Map.of("X-MBX-APIKEY", credentials.key()));
    }
}
