package io.credwatch.credential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which sources were looked at, in order, up to and including the one that won. Safe to
 * print: it holds the credentials only inside attempts, which print fingerprints.
 */
public record CredentialResolution(List<SourceAttempt> attempts) {

    public CredentialResolution {
        attempts = List.copyOf(attempts);
    }

    /** The first source that yielded a complete key. */
    public Optional<SourceAttempt> winner() {
        return attempts.stream().filter(a -> a.outcome() == SourceAttempt.Outcome.FOUND).findFirst();
    }

    public Optional<ApiCredentials> credentials() {
        return winner().flatMap(SourceAttempt::credentials);
    }

    /** The first half pair, the likeliest reason nothing was found. */
    public Optional<SourceAttempt> incomplete() {
        return attempts.stream().filter(a -> a.outcome() == SourceAttempt.Outcome.INCOMPLETE).findFirst();
    }

    /** Each source looked at, its outcome and why it yielded nothing: names and words only. */
    public List<Map<String, String>> shown() {
        List<Map<String, String>> shown = new ArrayList<>();
        for (SourceAttempt a : attempts) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("source", a.source());
            m.put("outcome", a.outcome().name());
            if (!a.reason().isEmpty()) {
                m.put("reason", a.reason());
            }
            shown.add(m);
        }
        return shown;
    }
}
