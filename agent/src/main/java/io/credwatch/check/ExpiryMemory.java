package io.credwatch.check;

import java.time.Instant;
import java.util.List;

/**
 * Keeps what a check last knew of its credentials' expiry past the moment they expire. Once a
 * key has expired, the exchange or STS only says "refused", and nothing reports when it
 * expired: "expired" would become "could not tell" or a vague refusal. A run that still
 * fails after a remembered key or AWS credential expired is {@code CRITICAL EXPIRED}, with
 * the expiry kept; an OK run without expiries means the credential was replaced, and the
 * memory goes. Not thread-safe: the store calls it under its lock.
 */
final class ExpiryMemory {

    private List<Expiry> known = List.of();

    CheckResult apply(CheckResult run, Instant now) {
        if (!run.expiries().isEmpty()) {
            known = run.expiries();
            return run;
        }
        if (known.isEmpty()) {
            return run;
        }
        if (run.status() == Status.UNKNOWN) {
            // Could not tell: the credential is still the one last seen, and so is its expiry.
            return run.withExpiries(known);
        }
        Expiry passed = known.stream()
                .filter(e -> e.kind() != CredentialKind.SECRET && e.passed(now))
                .findFirst().orElse(null);
        if (run.status() == Status.OK || passed == null) {
            // Working, or refused for another reason than its age: what was known no longer describes it.
            known = List.of();
            return run;
        }
        CheckResult carried = run.withExpiries(known);
        if (run.category() == Category.EXPIRED) {
            return carried;
        }
        String what = passed.kind() == CredentialKind.EXCHANGE_KEY ? "the API key" : "the AWS credentials";
        return carried.withVerdict(Status.CRITICAL, Category.EXPIRED,
                what + (passed.name().isEmpty() ? "" : " " + passed.name()) + " expired at " + passed.at()
                        + "; the latest run: " + run.status() + " " + run.category() + ": " + run.summary(),
                passed.kind() == CredentialKind.EXCHANGE_KEY
                        ? "Create a new API key on the exchange, put it where this account reads it, and restart "
                                + "the services that use it."
                        : "Replace the expired credentials; on EC2 use the instance role, which the SDK refreshes.");
    }
}
