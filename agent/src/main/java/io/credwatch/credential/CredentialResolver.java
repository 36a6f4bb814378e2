package io.credwatch.credential;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Looks at an account's sources in order until one yields a complete key. */
public final class CredentialResolver {

    private final List<CredentialSource> sources;

    public CredentialResolver(List<CredentialSource> sources) {
        this.sources = List.copyOf(sources);
    }

    public List<CredentialSource> sources() {
        return sources;
    }

    /** The source an attempt of this resolver's was made at, e.g. the winner, to ask it more than its key. */
    public Optional<CredentialSource> source(SourceAttempt attempt) {
        return sources.stream().filter(s -> s.name().equals(attempt.source())).findFirst();
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
