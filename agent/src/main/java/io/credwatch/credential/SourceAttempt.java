package io.credwatch.credential;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What looking at one source found. Safe to print, log and serve: the credentials, when
 * found, print as their key's fingerprint only.
 *
 * @param source      the source's {@link CredentialSource#name()}
 * @param names       where the values came from, names only: the variables, files or secret ids
 *                    that held the key, secret (and passphrase), in that order; empty unless FOUND
 * @param reason      why it was not FOUND, in words naming what was missing or failing; empty when FOUND
 * @param credentials present exactly when FOUND
 */
public record SourceAttempt(String source, Outcome outcome, List<String> names, String reason,
                            Optional<ApiCredentials> credentials) {

    public enum Outcome {
        /** A complete key (and secret, and passphrase where the exchange needs one). */
        FOUND,
        /** Nothing there: unset variables, no file, no such secret. */
        EMPTY,
        /** Half a pair: a key without its secret, or the reverse. Never used, always reported. */
        INCOMPLETE,
        /** Could not be read: permissions, a parse error, Secrets Manager refusing or unreachable. */
        FAILED
    }

    public SourceAttempt {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(outcome, "outcome");
        names = names == null ? List.of() : List.copyOf(names);
        reason = reason == null ? "" : reason;
        credentials = credentials == null ? Optional.empty() : credentials;
        if (credentials.isPresent() != (outcome == Outcome.FOUND)) {
            throw new IllegalArgumentException("credentials are present exactly when found");
        }
    }

    public static SourceAttempt found(String source, List<String> names, ApiCredentials credentials) {
        return new SourceAttempt(source, Outcome.FOUND, names, "", Optional.of(credentials));
    }

    public static SourceAttempt empty(String source, String reason) {
        return new SourceAttempt(source, Outcome.EMPTY, List.of(), reason, Optional.empty());
    }

    public static SourceAttempt incomplete(String source, String reason) {
        return new SourceAttempt(source, Outcome.INCOMPLETE, List.of(), reason, Optional.empty());
    }

    public static SourceAttempt failed(String source, String reason) {
        return new SourceAttempt(source, Outcome.FAILED, List.of(), reason, Optional.empty());
    }
}
