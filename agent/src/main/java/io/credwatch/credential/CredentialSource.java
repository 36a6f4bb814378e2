package io.credwatch.credential;

import java.time.Instant;

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
}
