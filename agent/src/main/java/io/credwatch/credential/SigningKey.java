package io.credwatch.credential;

import io.credwatch.config.KeyType;
import io.credwatch.fingerprint.SafeFingerprint;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Objects;

/**
 * An exchange account's private key (ed25519 or rsa), parsed from its PEM: the only holder of
 * the key object, which it never hands out. It signs, and shows the safe fingerprint of its
 * public half. The JDK's key classes stay inside because how they print is theirs to decide,
 * and some JDKs have printed an RSA key's numbers.
 */
public final class SigningKey {

    private final KeyType type;
    private final PrivateKey key;
    private final SafeFingerprint publicKey;

    /** @param publicKey the public half's X.509 encoding, derived from the private key */
    SigningKey(KeyType type, PrivateKey key, byte[] publicKey) {
        if (!type.asymmetric()) {
            throw new IllegalArgumentException("an hmac secret is not a private key");
        }
        this.type = type;
        this.key = Objects.requireNonNull(key, "key");
        this.publicKey = SafeFingerprint.ofPublicKey(publicKey);
    }

    public KeyType type() {
        return type;
    }

    /** What the exchange holds, as two hosts compare it; see {@link SafeFingerprint#ofPublicKey}. */
    public SafeFingerprint publicKeyFingerprint() {
        return publicKey;
    }

    /**
     * The signature of the message's UTF-8 bytes: Ed25519 (RFC 8032), or RSASSA-PKCS1-v1_5 with
     * SHA-256, which is what Binance and Bybit verify for these key types.
     */
    public byte[] sign(String message) {
        try {
            Signature signature = Signature.getInstance(algorithm(type));
            signature.initSign(key);
            signature.update(message.getBytes(StandardCharsets.UTF_8));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            // A key that parsed signs; the cause is left out, as nothing of a key may reach a message.
            throw new IllegalStateException("the " + type.label() + " key could not sign: "
                    + e.getClass().getSimpleName());
        }
    }

    static String algorithm(KeyType type) {
        return type == KeyType.ED25519 ? "Ed25519" : "SHA256withRSA";
    }

    @Override
    public String toString() {
        return type.label() + " private key, public " + publicKey;
    }
}
