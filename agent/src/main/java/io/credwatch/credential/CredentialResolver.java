package io.credwatch.credential;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Looks at an account's sources in order until one yields a complete key. */
public final class CredentialResolver {

    private final List<CredentialSource> sources;

    public CredentialResolver(List<CredentialSource> sources) {
        this.sources = List.copyOf(sources);
    }

    public List<CredentialSource> sources() {
        return sources;
    }

    public CredentialResolution resolve(Instant deadline) throws InterruptedException {
        List<SourceAttempt> attempts = new ArrayList<>();
        for (CredentialSource source : sources) {
            SourceAttempt attempt = source.look(deadline);
            attempts.add(attempt);
            if (attempt.outcome() == SourceAttempt.Outcome.FOUND) {
                break;
            }
        }
        return new CredentialResolution(attempts);
    }
}
