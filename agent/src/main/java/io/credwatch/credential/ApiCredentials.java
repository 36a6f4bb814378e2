package io.credwatch.credential;

import io.credwatch.config.KeyType;
import io.credwatch.fingerprint.SafeFingerprint;
import java.util.Objects;
import java.util.Optional;

/**
 * One exchange API key with its secret and, for KuCoin, its passphrase; for an ed25519 or rsa
 * key, the "secret" is the private key's PEM, read from the same place under the same names.
 * The only type that holds them: {@code toString()} shows the key's safe fingerprint (and a
 * parsed private key's public fingerprint) and nothing of the secret, PEM or passphrase, so a
 * log line or an exception that mentions it leaks nothing.
 *
 * @param passphrase empty when the exchange has none
 * @param signingKey the private key parsed from {@code secret}, once {@link #signingWith} read it
 */
public record ApiCredentials(String key, String secret, String passphrase, Optional<SigningKey> signingKey) {

    public ApiCredentials {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(secret, "secret");
        passphrase = passphrase == null ? "" : passphrase;
        signingKey = signingKey == null ? Optional.empty() : signingKey;
    }

    public ApiCredentials(String key, String secret, String passphrase) {
        this(key, secret, passphrase, Optional.empty());
    }

    public static ApiCredentials of(String key, String secret) {
        return new ApiCredentials(key, secret, "");
    }

    public boolean hasPassphrase() {
        return !passphrase.isEmpty();
    }

    public SafeFingerprint keyFingerprint() {
        return SafeFingerprint.ofIdentifier(key);
    }

    /**
     * This pair as an account of {@code type} signs with it: an hmac pair as it is; an ed25519 or
     * rsa pair with its private key parsed from the PEM in {@code secret}, or why it does not parse.
     */
    public KeyReading signingWith(KeyType type) {
        if (!type.asymmetric()) {
            return KeyReading.ready(this);
        }
        try {
            return KeyReading.ready(new ApiCredentials(key, secret, passphrase,
                    Optional.of(PrivateKeyPem.parse(type, secret))));
        } catch (PrivateKeyPem.Unusable e) {
            return KeyReading.unusable(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ApiCredentials[key " + keyFingerprint() + (hasPassphrase() ? ", with passphrase" : "")
                + signingKey.map(k -> ", " + k).orElse("") + "]";
    }
}
