package io.credwatch.credential;

import java.util.Objects;
import java.util.Optional;

/**
 * What an account's key pair can sign with, as the account's key type says: the pair ready to
 * sign (an hmac pair as it is; an ed25519 or rsa pair with its private key parsed), or why it
 * cannot, in words that name the problem and never quote the key.
 *
 * @param ready   present exactly when usable
 * @param problem empty when usable
 */
public record KeyReading(Optional<ApiCredentials> ready, String problem) {

    public KeyReading {
        Objects.requireNonNull(ready, "ready");
        problem = problem == null ? "" : problem;
        if (ready.isPresent() == !problem.isEmpty()) {
            throw new IllegalArgumentException("a key is either ready or has a problem");
        }
    }

    static KeyReading ready(ApiCredentials pair) {
        return new KeyReading(Optional.of(pair), "");
    }

    static KeyReading unusable(String problem) {
        return new KeyReading(Optional.empty(), problem);
    }

    public boolean usable() {
        return ready.isPresent();
    }
}
