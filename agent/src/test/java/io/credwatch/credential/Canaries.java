package io.credwatch.credential;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

/** Values no attempt, reason or resolution may ever show. */
final class Canaries {

    static final String KEY = "CANARYKEY0123456789ab";
    static final String SECRET = "CANARY-SECRET-Vq7Lx9Pz2Wm4";
    static final String PASSPHRASE = "CANARY-PASS-Hk5Jd8Fs3";
    static final String OTHER_SECRET = "CANARY-SECRET-OtherAbc987";
    private static final List<String> NEVER = List.of(KEY, SECRET, PASSPHRASE, OTHER_SECRET);

    private Canaries() {
    }

    /** Nothing printable about an attempt carries a canary: not its text, names, reason or source. */
    static SourceAttempt clean(SourceAttempt attempt) {
        List<String> shown = new java.util.ArrayList<>(attempt.names());
        shown.add(attempt.toString());
        shown.add(attempt.reason());
        shown.add(attempt.source());
        for (String text : shown) {
            for (String canary : NEVER) {
                assertFalse(text.contains(canary), () -> "a canary shows in " + text);
            }
        }
        return attempt;
    }

    static CredentialResolution clean(CredentialResolution resolution) {
        resolution.attempts().forEach(Canaries::clean);
        for (String canary : NEVER) {
            assertFalse(resolution.toString().contains(canary), () -> "a canary shows in " + resolution);
        }
        return resolution;
    }
}
