package io.credwatch.credential;

import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.fingerprint.SafeFingerprint;
import io.credwatch.secrets.SourceSecretKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads each enabled account's {@code credentials.secretsManager} secret exactly as its
 * credential source does, and hands on the key's fingerprint; the values go out of scope here.
 * A disabled account's secret is not read: credwatch has no use for it.
 */
public final class SecretsManagerKeys implements SourceSecretKeys {

    /** The first enabled account naming each secret: a secret shared by accounts is read once. */
    private final List<ExchangeAccountConfig> readers;
    private final Supplier<SecretsManagerClient> client;
    private final Clock clock;

    public SecretsManagerKeys(List<ExchangeAccountConfig> accounts, Supplier<SecretsManagerClient> client,
                              Clock clock) {
        Set<String> seen = new HashSet<>();
        this.readers = accounts.stream().filter(ExchangeAccountConfig::enabled)
                .filter(a -> !a.credentials().secretsManager().isBlank() && seen.add(a.credentials().secretsManager()))
                .toList();
        this.client = client;
        this.clock = clock;
    }

    @Override
    public List<String> secrets() {
        return readers.stream().map(a -> a.credentials().secretsManager()).toList();
    }

    @Override
    public List<Held> read(Instant deadline) throws InterruptedException {
        List<Held> held = new ArrayList<>();
        for (ExchangeAccountConfig account : readers) {
            if (!clock.instant().isBefore(deadline)) {
                break;
            }
            String secret = account.credentials().secretsManager();
            SourceAttempt attempt = new SecretsManagerSource(secret, account.type().credentialParts(), client, clock)
                    .look(deadline);
            attempt.credentials().ifPresent(c ->
                    held.add(new Held(secret, account.id(), SafeFingerprint.ofIdentifier(c.key()).toString())));
        }
        return held;
    }
}
