package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import java.util.Map;

/**
 * Alpaca signs nothing: the key id and the secret itself go in two headers on every
 * request, over TLS. Kept as a "signer" so every exchange has the same pair of classes.
 */
public final class AlpacaSigner {

    private AlpacaSigner() {
    }

    public static SignedRequest get(ApiCredentials credentials, String path) {
        return SignedRequest.get(path, Map.of(
                "APCA-API-KEY-ID", credentials.key(),
                "APCA-API-SECRET-KEY", credentials.secret()));
    }
}
