package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import java.util.Map;

/**
 * Bybit v5: headers {@code X-BAPI-*}, the signature being of
 * {@code timestamp + apiKey + recvWindow + (query string as sent | raw JSON body)}: the hex
 * HMAC-SHA256 with a system-generated key's secret, the base64 RSASSA-PKCS1-v1_5/SHA-256
 * signature with a self-generated RSA key.
 */
public final class BybitSigner {

    private BybitSigner() {
    }

    public static String signature(ApiCredentials credentials, long timestamp, long recvWindow, String queryOrBody) {
        return KeySignature.hexOrBase64(credentials, timestamp + credentials.key() + recvWindow + queryOrBody);
    }

    /** @param query without the {@code ?}, exactly as it will be sent; empty for none */
    public static SignedRequest get(ApiCredentials credentials, long timestamp, long recvWindow, String path,
                                    String query) {
        return SignedRequest.get(query.isEmpty() ? path : path + "?" + query, Map.of(
                "X-BAPI-API-KEY", credentials.key(),
                "X-BAPI-TIMESTAMP", Long.toString(timestamp),
                "X-BAPI-RECV-WINDOW", Long.toString(recvWindow),
                "X-BAPI-SIGN", signature(credentials, timestamp, recvWindow, query)));
    }
}
