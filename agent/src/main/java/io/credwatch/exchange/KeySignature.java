package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import java.util.Base64;

/**
 * Binance and Bybit both sign one string either way and print the two differently: an HMAC
 * with the secret as lower-case hex, an Ed25519 or RSA signature with the private key as base64
 * (developers.binance.com, "Request Security"; bybit-exchange.github.io/docs/v5/guide, "Create
 * A Request").
 */
final class KeySignature {

    private KeySignature() {
    }

    static String hexOrBase64(ApiCredentials credentials, String message) {
        return credentials.signingKey()
                .map(key -> Base64.getEncoder().encodeToString(key.sign(message)))
                .orElseGet(() -> HmacSha256.hex(credentials.secret(), message));
    }
}
