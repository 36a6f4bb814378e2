package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import java.util.Map;

/**
 * Binance spot: {@code timestamp} and {@code recvWindow} go into the parameters, the hex
 * HMAC-SHA256 of the whole parameter string as sent is appended last as {@code signature},
 * and the key travels in {@code X-MBX-APIKEY}.
 */
public final class BinanceSigner {

    private BinanceSigner() {
    }

    /** @param totalParams the query string, then the body, joined with no {@code &} (Binance's rule) */
    public static String signature(ApiCredentials credentials, String totalParams) {
        return HmacSha256.hex(credentials.secret(), totalParams);
    }

    /** @param query the call's own parameters without {@code ?}; empty for none */
    public static SignedRequest get(ApiCredentials credentials, long timestamp, long recvWindow, String path,
                                    String query) {
        String params = (query.isEmpty() ? "" : query + "&") + "timestamp=" + timestamp + "&recvWindow=" + recvWindow;
        return SignedRequest.get(path + "?" + params + "&signature=" + signature(credentials, params),
                Map.of("X-MBX-APIKEY", credentials.key()));
    }
}
