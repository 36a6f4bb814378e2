package io.credwatch.credential;

import io.credwatch.config.Environment;
import java.time.Instant;
import java.util.Optional;

/**
 * One place an exchange account's key may be found: an env var group, an env file, a systemd
 * credential, a Secrets Manager secret. Looked at afresh on every call, never cached, so a
 * rotated key is seen at once and every caller sees the same pair.
 */
public interface CredentialSource {

    /** How the operator knows it, never a value: {@code env CRYPTO_COM_API_KEY+CRYPTO_COM_API_SECRET}. */
    String name();

    /** Never throws for what the source holds or cannot be read: every such end is an attempt. */
    SourceAttempt look(Instant deadline) throws InterruptedException;

    /**
     * When what this source holds last changed, told without reading a value, so that a process
     * that loaded the key before can be named; a source that keeps no such time says so.
     */
    default SourceChange lastChange(Instant deadline) throws InterruptedException {
        return SourceChange.unknown(name(), "it keeps no time of change");
    }

    /** The environment this source's own name says ({@code mm-bot/prod/bybit}, {@code BYBIT_DEV_API_KEY}), if any. */
    default Optional<Environment> environmentNamed() {
        return Optional.empty();
    }
}
