package io.credwatch.credential;

import io.credwatch.config.CredwatchConfig;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.config.KeyType;
import io.credwatch.fingerprint.SafeFingerprint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves every configured account's key now, as the checks do, and shows what was found
 * as fingerprints ({@code credwatch fingerprint}, {@code GET /fingerprints}). In configuration
 * order and without times, so the output of two hosts can be put through {@code diff}.
 */
public final class FingerprintReport {

    /** An account as the report needs it. */
    public record Account(String id, String kind, KeyType keyType, CredentialResolver resolver,
                          String expectedFingerprint) {
    }

    private final List<Account> accounts;
    private final Clock clock;
    private final Duration budget;

    /** @param budget for each account's resolution (Secrets Manager is a network call) */
    /** Every enabled exchange account of {@code config}, resolved as its check resolves it. */
    public static FingerprintReport of(CredwatchConfig config, AccountCredentials credentials, Clock clock,
                                       Duration budget) {
        List<Account> accounts = new ArrayList<>();
        for (ExchangeAccountConfig a : config.exchanges()) {
            if (a.enabled()) {
                accounts.add(new Account(a.id(), a.type().label(), a.keyType(),
                        credentials.resolver(a, config.agent().environment()), a.expectedFingerprint()));
            }
        }
        return new FingerprintReport(accounts, clock, budget);
    }

    public FingerprintReport(List<Account> accounts, Clock clock, Duration budget) {
        this.accounts = List.copyOf(accounts);
        this.clock = clock;
        this.budget = budget;
    }

    public List<CredentialFingerprint> resolve() throws InterruptedException {
        List<CredentialFingerprint> all = new ArrayList<>();
        for (Account account : accounts) {
            all.add(fingerprint(account, account.resolver().resolve(clock.instant().plus(budget))));
        }
        return all;
    }

    static CredentialFingerprint fingerprint(Account account, CredentialResolution resolution) {
        List<Map<String, String>> tried = resolution.shown();
        String keyType = account.keyType().label();
        Optional<SourceAttempt> winner = resolution.winner();
        if (winner.isEmpty()) {
            return new CredentialFingerprint(account.id(), account.kind(), keyType, CredentialFingerprint.MISSING, "",
                    "", "", "", "", List.of(), account.expectedFingerprint(), tried);
        }
        ApiCredentials pair = winner.get().credentials().orElseThrow();
        SafeFingerprint key = pair.keyFingerprint();
        boolean expected = account.expectedFingerprint().isBlank() || key.matches(account.expectedFingerprint());
        // A key that cannot sign is the first thing to fix, before whether it is the expected one.
        KeyReading reading = pair.signingWith(account.keyType());
        String state = !reading.usable() ? CredentialFingerprint.INVALID
                : expected ? CredentialFingerprint.OK : CredentialFingerprint.MISMATCH;
        String secret = account.keyType().asymmetric() ? "" : SafeFingerprint.ofSecret(pair.secret()).toString();
        String publicKey = reading.ready().flatMap(ApiCredentials::signingKey)
                .map(k -> k.publicKeyFingerprint().toString()).orElse("");
        return new CredentialFingerprint(account.id(), account.kind(), keyType, state, reading.problem(),
                key.toString(), secret, publicKey, winner.get().source(), winner.get().names(),
                account.expectedFingerprint(), tried);
    }

    /** One line per account, for a terminal and for {@code diff}. */
    public static List<String> lines(List<CredentialFingerprint> fingerprints) {
        int width = fingerprints.stream().mapToInt(f -> f.credential().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (CredentialFingerprint f : fingerprints) {
            String id = String.format("%-" + Math.max(width, 1) + "s", f.credential());
            if (f.state().equals(CredentialFingerprint.MISSING)) {
                List<String> why = f.sourcesTried().stream().map(t -> t.get("source")
                        + (t.containsKey("reason") ? ": " + t.get("reason") : "")).toList();
                lines.add(id + "  " + f.kind() + "  MISSING  " + String.join("; ", why));
            } else if (f.state().equals(CredentialFingerprint.INVALID)) {
                lines.add(id + "  " + f.kind() + "  key " + f.key() + "  INVALID: " + f.problem() + "  from "
                        + f.source());
            } else {
                String signing = f.publicKey().isEmpty() ? "secret " + f.secret()
                        : f.keyType() + " public " + f.publicKey();
                lines.add(id + "  " + f.kind() + "  key " + f.key() + "  " + signing + "  from " + f.source()
                        + (f.ok() ? "" : "  MISMATCH: expected " + f.expected()));
            }
        }
        return lines;
    }
}
