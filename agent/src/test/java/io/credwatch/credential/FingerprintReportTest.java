package io.credwatch.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.fingerprint.SafeFingerprint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintReportTest {

    static final ApiCredentials PAIR = new ApiCredentials("CANARYKEY-fp-0123456789", "CANARY-SECRET-fp-abcdef", "");

    static CredentialResolver yielding(SourceAttempt... attempts) {
        List<CredentialSource> sources = java.util.Arrays.stream(attempts).map(a -> (CredentialSource) new CredentialSource() {
            @Override
            public String name() {
                return a.source();
            }

            @Override
            public SourceAttempt look(Instant deadline) {
                return a;
            }
        }).toList();
        return new CredentialResolver(sources);
    }

    static List<CredentialFingerprint> report(FingerprintReport.Account... accounts) throws InterruptedException {
        return new FingerprintReport(List.of(accounts), Clock.systemUTC(), Duration.ofSeconds(1)).resolve();
    }

    @Test
    void eachAccountShowsItsFingerprintsAndWinningSourceOnOneDiffableLine() throws Exception {
        List<CredentialFingerprint> fps = report(
                new FingerprintReport.Account("bybit-main", "bybit", yielding(
                        SourceAttempt.empty("env A+B", "A and B are unset"),
                        SourceAttempt.found("envFile /etc/b.env", List.of("/etc/b.env: A", "/etc/b.env: B"), PAIR)), ""),
                new FingerprintReport.Account("kucoin-x", "kucoin", yielding(
                        SourceAttempt.incomplete("env K+S+P", "K is set but P is unset")), ""));

        assertEquals(CredentialFingerprint.OK, fps.get(0).state());
        assertEquals(PAIR.keyFingerprint().toString(), fps.get(0).key());
        assertEquals(SafeFingerprint.ofSecret(PAIR.secret()).toString(), fps.get(0).secret());
        assertEquals(CredentialFingerprint.MISSING, fps.get(1).state());
        List<String> lines = FingerprintReport.lines(fps);
        assertEquals("bybit-main  bybit  key " + PAIR.keyFingerprint() + "  secret "
                + SafeFingerprint.ofSecret(PAIR.secret()) + "  from envFile /etc/b.env", lines.get(0));
        assertEquals("kucoin-x    kucoin  MISSING  env K+S+P: K is set but P is unset", lines.get(1));
        for (String line : lines) {
            assertFalse(line.contains(PAIR.secret()) || line.contains(PAIR.key()), line);
        }
    }

    @Test
    void anUnexpectedKeyIsAMismatchAndAnExpectedOneIsNot() throws Exception {
        String hash = PAIR.keyFingerprint().sha256Prefix();
        List<CredentialFingerprint> fps = report(
                new FingerprintReport.Account("a", "binance", yielding(SourceAttempt.found("env A+B", List.of("A", "B"), PAIR)),
                        "ffffff"),
                new FingerprintReport.Account("b", "binance", yielding(SourceAttempt.found("env A+B", List.of("A", "B"), PAIR)),
                        hash.substring(0, 8)),
                new FingerprintReport.Account("c", "binance", yielding(SourceAttempt.found("env A+B", List.of("A", "B"), PAIR)),
                        PAIR.keyFingerprint().toString()));

        assertEquals(List.of("MISMATCH", "OK", "OK"), fps.stream().map(CredentialFingerprint::state).toList());
        assertTrue(FingerprintReport.lines(fps).get(0).endsWith("MISMATCH: expected ffffff"));
    }
}
