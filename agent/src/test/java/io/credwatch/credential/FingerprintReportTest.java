package io.credwatch.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.config.KeyType;
import io.credwatch.fingerprint.SafeFingerprint;
import io.credwatch.http.JsonMapper;
import io.credwatch.testing.PemKeys;
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
                new FingerprintReport.Account("bybit-main", "bybit", KeyType.HMAC, yielding(
                        SourceAttempt.empty("env A+B", "A and B are unset"),
                        SourceAttempt.found("envFile /etc/b.env", List.of("/etc/b.env: A", "/etc/b.env: B"), PAIR)), ""),
                new FingerprintReport.Account("kucoin-x", "kucoin", KeyType.HMAC, yielding(
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
                new FingerprintReport.Account("a", "binance", KeyType.HMAC, yielding(SourceAttempt.found("env A+B", List.of("A", "B"), PAIR)),
                        "ffffff"),
                new FingerprintReport.Account("b", "binance", KeyType.HMAC, yielding(SourceAttempt.found("env A+B", List.of("A", "B"), PAIR)),
                        hash.substring(0, 8)),
                new FingerprintReport.Account("c", "binance", KeyType.HMAC, yielding(SourceAttempt.found("env A+B", List.of("A", "B"), PAIR)),
                        PAIR.keyFingerprint().toString()));

        assertEquals(List.of("MISMATCH", "OK", "OK"), fps.stream().map(CredentialFingerprint::state).toList());
        assertTrue(FingerprintReport.lines(fps).get(0).endsWith("MISMATCH: expected ffffff"));
    }

    @Test
    void aPrivateKeyShowsItsTypeAndTheFingerprintOfThePublicHalfTheExchangeHolds() throws Exception {
        PemKeys.Pair ed25519 = PemKeys.ed25519();
        ApiCredentials pair = ApiCredentials.of("CANARYKEY-fp-ed25519-0123", ed25519.pem());

        List<CredentialFingerprint> fps = report(new FingerprintReport.Account("binance-main", "binance",
                KeyType.ED25519, yielding(SourceAttempt.found("env K+S", List.of("K", "S"), pair)), ""));

        CredentialFingerprint fp = fps.get(0);
        String publicKey = SafeFingerprint.ofPublicKey(ed25519.publicKey().getEncoded()).toString();
        assertEquals(CredentialFingerprint.OK, fp.state());
        assertEquals("ed25519", fp.keyType());
        assertEquals(publicKey, fp.publicKey());
        assertEquals("", fp.secret(), "a private key's own hash says nothing the exchange could confirm");
        assertEquals("binance-main  binance  key " + pair.keyFingerprint() + "  ed25519 public " + publicKey
                + "  from env K+S", FingerprintReport.lines(fps).get(0));
        assertShowsNothingOf(ed25519, FingerprintReport.lines(fps) + JsonMapper.create().writeValueAsString(fps));
    }

    @Test
    void aPrivateKeyThatDoesNotParseIsInvalidWithTheReason() throws Exception {
        PemKeys.Pair rsa = PemKeys.rsa();
        ApiCredentials truncated = ApiCredentials.of("CANARYKEY-fp-rsa-0123456", rsa.pem().substring(0, 600));

        List<CredentialFingerprint> fps = report(new FingerprintReport.Account("bybit-main", "bybit", KeyType.RSA,
                yielding(SourceAttempt.found("systemdCredential bybit", List.of("a", "b"), truncated)), ""));

        CredentialFingerprint fp = fps.get(0);
        assertEquals(CredentialFingerprint.INVALID, fp.state());
        assertFalse(fp.ok());
        assertEquals("", fp.publicKey());
        assertEquals("bybit-main  bybit  key " + truncated.keyFingerprint() + "  INVALID: the rsa private key does not "
                + "parse as PKCS#8 PEM: -----BEGIN PRIVATE KEY----- has no END line (cut short?)  from "
                + "systemdCredential bybit", FingerprintReport.lines(fps).get(0));
        assertShowsNothingOf(rsa, FingerprintReport.lines(fps) + JsonMapper.create().writeValueAsString(fps));
    }

    @Test
    void anHmacAccountSaysSoAndShowsItsSecretsFingerprint() throws Exception {
        List<CredentialFingerprint> fps = report(new FingerprintReport.Account("a", "bybit", KeyType.HMAC,
                yielding(SourceAttempt.found("env A+B", List.of("A", "B"), PAIR)), ""));

        assertEquals("hmac", fps.get(0).keyType());
        assertEquals("", fps.get(0).publicKey());
        assertTrue(JsonMapper.create().writeValueAsString(fps).contains("\"keyType\":\"hmac\""));
    }

    static void assertShowsNothingOf(PemKeys.Pair key, String shown) {
        for (String piece : key.pieces(16)) {
            assertFalse(shown.contains(piece), () -> "shows '" + piece + "': " + shown);
        }
    }
}
