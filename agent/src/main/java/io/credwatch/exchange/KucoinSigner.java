package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import java.util.Map;

/**
 * KuCoin, key version 2: {@code KC-API-SIGN} is the base64 HMAC-SHA256 of
 * {@code timestamp + METHOD + path-with-query + body}, and the passphrase is sent as its own
 * base64 HMAC-SHA256 with the secret, never in clear.
 */
public final class KucoinSigner {

    static final String KEY_VERSION = "2";

    private KucoinSigner() {
    }

    public static String signature(ApiCredentials credentials, long timestamp, String method, String pathWithQuery,
                                   String body) {
        return HmacSha256.base64(credentials.secret(), timestamp + method + pathWithQuery + body);
    }

    public static String signedPassphrase(ApiCredentials credentials) {
        return HmacSha256.base64(credentials.secret(), credentials.passphrase());
    }

    public static SignedRequest get(ApiCredentials credentials, long timestamp, String pathWithQuery) {
        return SignedRequest.get(pathWithQuery, Map.of(
                "KC-API-KEY", credentials.key(),
                "KC-API-TIMESTAMP", Long.toString(timestamp),
                "KC-API-KEY-VERSION", KEY_VERSION,
                "KC-API-SIGN", signature(credentials, timestamp, "GET", pathWithQuery, ""),
                "KC-API-PASSPHRASE", signedPassphrase(credentials)));
    }
}
