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

    private final List<ExchangeAccountConfig> accounts;
    private final Supplier<SecretsManagerClient> client;
    private final Clock clock;

    public SecretsManagerKeys(List<ExchangeAccountConfig> accounts, Supplier<SecretsManagerClient> client,
                              Clock clock) {
        this.accounts = accounts.stream().filter(ExchangeAccountConfig::enabled).toList();
        this.client = client;
        this.clock = clock;
    }

    @Override
    public List<String> secrets() {
        Set<String> seen = new HashSet<>();
        return accounts.stream().map(a -> a.credentials().secretsManager())
                .filter(s -> !s.isBlank() && seen.add(s)).toList();
    }

    @Override
    public List<Held> read(Instant deadline) throws InterruptedException {
        List<Held> held = new ArrayList<>();
        Set<String> read = new HashSet<>();
        for (ExchangeAccountConfig account : accounts) {
            String secret = account.credentials().secretsManager();
            if (secret.isBlank() || !read.add(secret) || !clock.instant().isBefore(deadline)) {
                continue;
            }
            SourceAttempt attempt = new SecretsManagerSource(secret, account.type().credentialParts(), client, clock)
                    .look(deadline);
            attempt.credentials().ifPresent(c ->
                    held.add(new Held(secret, account.id(), SafeFingerprint.ofIdentifier(c.key()).toString())));
        }
        return held;
    }
}
