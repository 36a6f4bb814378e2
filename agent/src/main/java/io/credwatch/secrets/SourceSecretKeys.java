package io.credwatch.secrets;

import java.time.Instant;
import java.util.List;

/**
 * The keys held by the Secrets Manager secrets this host's credential sources already read
 * (exchange accounts' {@code credentials.secretsManager}), as safe fingerprints only. It lets
 * the rotation check see one key stored under two environments without itself asking for a
 * value: the only values read are those a credential source reads anyway, and none is kept.
 */
public interface SourceSecretKeys {

    /** The secret names the credential sources read, each once: known without reading any. */
    List<String> secrets();

    /** One entry per secret that yielded a complete key; secrets that failed or were empty are left to the exchange checks. */
    List<Held> read(Instant deadline) throws InterruptedException;

    /**
     * @param secret  the name as configured ({@code mm-bot/prod/cryptocom})
     * @param account the exchange account whose source names it
     * @param key     the key's safe fingerprint ({@code len=… abcd…wxyz sha256:…})
     */
    record Held(String secret, String account, String key) {
    }
}
