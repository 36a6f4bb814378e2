package io.credwatch.credential;

import io.credwatch.fingerprint.SafeFingerprint;
import java.util.Objects;

/**
 * One exchange API key with its secret and, for KuCoin, its passphrase. The only type that
 * holds them: {@code toString()} shows the key's safe fingerprint and nothing of the secret
 * or passphrase, so a log line or an exception that mentions it leaks nothing.
 *
 * @param passphrase empty when the exchange has none
 */
public record ApiCredentials(String key, String secret, String passphrase) {

    public ApiCredentials {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(secret, "secret");
        passphrase = passphrase == null ? "" : passphrase;
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

    @Override
    public String toString() {
        return "ApiCredentials[key " + keyFingerprint() + (hasPassphrase() ? ", with passphrase]" : "]");
    }
}
