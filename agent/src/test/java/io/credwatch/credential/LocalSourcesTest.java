package io.credwatch.credential;

import static io.credwatch.credential.Canaries.KEY;
import static io.credwatch.credential.Canaries.PASSPHRASE;
import static io.credwatch.credential.Canaries.SECRET;
import static io.credwatch.credential.Canaries.clean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.config.KeyType;
import io.credwatch.credential.SourceAttempt.Outcome;
import io.credwatch.fingerprint.SafeFingerprint;
import io.credwatch.testing.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sources that read the host itself: environment variables, an env file, a systemd credential. */
class LocalSourcesTest {

    static final List<String> CRYPTO_COM = List.of("CRYPTO_COM_API_KEY", "CRYPTO_COM_API_SECRET");
    static final List<String> KUCOIN = List.of("KUCOIN_API_KEY", "KUCOIN_API_SECRET", "KUCOIN_API_PASSPHRASE");
    static final Instant DEADLINE = Instant.now().plusSeconds(60);

    @TempDir
    Path dir;

    @Nested
    class EnvironmentVariables {
        final Map<String, String> env = new HashMap<>();

        SourceAttempt look(List<String> names) {
            return clean(new EnvVarSource(names, env).look(DEADLINE));
        }

        @Test
        void isNamedByItsVariables() {
            assertEquals("env CRYPTO_COM_API_KEY+CRYPTO_COM_API_SECRET", new EnvVarSource(CRYPTO_COM, env).name());
        }

        @Test
        void bothSetIsFoundWithTheVariableNamesAndStrippedValues() {
            env.put("CRYPTO_COM_API_KEY", " " + KEY + "\n");
            env.put("CRYPTO_COM_API_SECRET", SECRET + "\r\n");
            SourceAttempt a = look(CRYPTO_COM);
            assertEquals(Outcome.FOUND, a.outcome());
            assertEquals(CRYPTO_COM, a.names());
            assertEquals(ApiCredentials.of(KEY, SECRET), a.credentials().orElseThrow());
        }

        @Test
        void bothUnsetIsEmpty() {
            SourceAttempt a = look(CRYPTO_COM);
            assertEquals(Outcome.EMPTY, a.outcome());
            assertEquals("CRYPTO_COM_API_KEY and CRYPTO_COM_API_SECRET are unset", a.reason());
        }

        @Test
        void blankCountsAsUnset() {
            env.put("CRYPTO_COM_API_KEY", "  ");
            env.put("CRYPTO_COM_API_SECRET", "\n");
            assertEquals(Outcome.EMPTY, look(CRYPTO_COM).outcome());
        }

        @Test
        void aKeyWithoutItsSecretIsIncompleteAndSaysWhichIsMissing() {
            env.put("CRYPTO_COM_API_KEY", KEY);
            env.put("CRYPTO_COM_API_SECRET", " ");
            SourceAttempt a = look(CRYPTO_COM);
            assertEquals(Outcome.INCOMPLETE, a.outcome());
            assertEquals("CRYPTO_COM_API_KEY is set but CRYPTO_COM_API_SECRET is unset", a.reason());
            assertTrue(a.credentials().isEmpty());
        }

        @Test
        void aSecretWithoutItsKeyIsIncompleteToo() {
            env.put("CRYPTO_COM_API_SECRET", SECRET);
            assertEquals("CRYPTO_COM_API_SECRET is set but CRYPTO_COM_API_KEY is unset", look(CRYPTO_COM).reason());
        }

        @Test
        void kucoinNeedsItsPassphrase() {
            env.put("KUCOIN_API_KEY", KEY);
            env.put("KUCOIN_API_SECRET", SECRET);
            SourceAttempt half = look(KUCOIN);
            assertEquals(Outcome.INCOMPLETE, half.outcome());
            assertEquals("KUCOIN_API_KEY and KUCOIN_API_SECRET are set but KUCOIN_API_PASSPHRASE is unset",
                    half.reason());
            env.put("KUCOIN_API_PASSPHRASE", PASSPHRASE);
            SourceAttempt whole = look(KUCOIN);
            assertEquals(KUCOIN, whole.names());
            assertEquals(new ApiCredentials(KEY, SECRET, PASSPHRASE), whole.credentials().orElseThrow());
        }
    }

    @Nested
    class EnvFile {
        Path file;

        SourceAttempt look(List<List<String>> groups) {
            file = file == null ? dir.resolve("cryptocom.env") : file;
            return clean(new EnvFileSource(file, groups).look(DEADLINE));
        }

        void write(String text) throws IOException {
            file = dir.resolve("cryptocom.env");
            Files.writeString(file, text);
        }

        @Test
        void readsDotenvAsShellsDo() throws IOException {
            write("""
                    # the bot's keys
                    export CRYPTO_COM_API_KEY='%s'

                    CRYPTO_COM_API_SECRET="%s"
                    """.formatted(KEY, SECRET));
            SourceAttempt a = look(List.of(CRYPTO_COM));
            assertEquals(Outcome.FOUND, a.outcome());
            assertEquals("envFile " + file, a.source());
            assertEquals(List.of(file + ": CRYPTO_COM_API_KEY", file + ": CRYPTO_COM_API_SECRET"), a.names());
            assertEquals(ApiCredentials.of(KEY, SECRET), a.credentials().orElseThrow());
        }

        @Test
        void unquotedValuesLoseTheirCommentAndCrlfLineEndings() throws IOException {
            write("CRYPTO_COM_API_KEY=" + KEY + " # rotated in May\r\nCRYPTO_COM_API_SECRET=" + SECRET + "\r\n");
            assertEquals(ApiCredentials.of(KEY, SECRET), look(List.of(CRYPTO_COM)).credentials().orElseThrow());
        }

        @Test
        void theLastAssignmentWinsAsInAShell() throws IOException {
            write("CRYPTO_COM_API_KEY=old\nCRYPTO_COM_API_SECRET=" + SECRET + "\nCRYPTO_COM_API_KEY=" + KEY + "\n");
            assertEquals(KEY, look(List.of(CRYPTO_COM)).credentials().orElseThrow().key());
        }

        @Test
        void theFirstCompleteGroupWins() throws IOException {
            write("A_KEY=x\nCRYPTO_COM_API_KEY=" + KEY + "\nCRYPTO_COM_API_SECRET=" + SECRET + "\n");
            SourceAttempt a = look(List.of(List.of("A_KEY", "A_SECRET"), CRYPTO_COM));
            assertEquals(Outcome.FOUND, a.outcome());
            assertEquals(file + ": CRYPTO_COM_API_KEY", a.names().get(0));
        }

        @Test
        void aMissingFileIsEmpty() {
            SourceAttempt a = look(List.of(CRYPTO_COM));
            assertEquals(Outcome.EMPTY, a.outcome());
            assertEquals("no such file", a.reason());
        }

        @Test
        void aFileWithoutTheNamesIsEmptyAndSaysWhichNames() throws IOException {
            write("OTHER=1\n");
            SourceAttempt a = look(List.of(CRYPTO_COM));
            assertEquals(Outcome.EMPTY, a.outcome());
            assertEquals("CRYPTO_COM_API_KEY and CRYPTO_COM_API_SECRET are unset", a.reason());
        }

        @Test
        void halfAPairIsIncomplete() throws IOException {
            write("CRYPTO_COM_API_KEY=" + KEY + "\nCRYPTO_COM_API_SECRET=\n");
            SourceAttempt a = look(List.of(List.of("A_KEY", "A_SECRET"), CRYPTO_COM));
            assertEquals(Outcome.INCOMPLETE, a.outcome());
            assertEquals("CRYPTO_COM_API_KEY is set but CRYPTO_COM_API_SECRET is unset", a.reason());
        }

        @Test
        void anUnreadableFileFailsNamingTheFileAndTheKindOfError() throws IOException {
            file = dir.resolve("is-a-directory.env");
            Files.createDirectory(file);
            SourceAttempt a = look(List.of(CRYPTO_COM));
            assertEquals(Outcome.FAILED, a.outcome());
            assertEquals("cannot read " + file + ": IOException", a.reason());
        }

        @Test
        void aFileThatIsNotTextFailsWithoutQuotingIt() throws IOException {
            file = dir.resolve("binary.env");
            byte[] secret = ("CRYPTO_COM_API_SECRET=" + SECRET + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] bytes = new byte[secret.length + 2];
            System.arraycopy(secret, 0, bytes, 0, secret.length);
            bytes[secret.length] = (byte) 0xC3;
            bytes[secret.length + 1] = (byte) 0x28;
            Files.write(file, bytes);
            SourceAttempt a = look(List.of(CRYPTO_COM));
            assertEquals(Outcome.FAILED, a.outcome());
            assertEquals("cannot read " + file + ": MalformedInputException", a.reason());
        }

        @Test
        void kucoinPassphraseComesFromTheFileToo() throws IOException {
            write("KUCOIN_API_KEY=" + KEY + "\nKUCOIN_API_SECRET=" + SECRET + "\nKUCOIN_API_PASSPHRASE=\""
                    + PASSPHRASE + "\"\n");
            assertEquals(new ApiCredentials(KEY, SECRET, PASSPHRASE),
                    look(List.of(KUCOIN)).credentials().orElseThrow());
        }
    }

    @Nested
    class SystemdCredential {
        final Map<String, String> env = new HashMap<>(Map.of(SystemdCredentialSource.DIRECTORY_VARIABLE, ""));

        SourceAttempt look(int parts) {
            return clean(new SystemdCredentialSource("cryptocom", parts, env).look(DEADLINE));
        }

        void put(String file, String value) throws IOException {
            env.put(SystemdCredentialSource.DIRECTORY_VARIABLE, dir.toString());
            Files.writeString(dir.resolve(file), value);
        }

        @Test
        void withoutLoadCredentialThereIsNoDirectory() {
            SourceAttempt a = look(2);
            assertEquals(Outcome.EMPTY, a.outcome());
            assertEquals("CREDENTIALS_DIRECTORY is not set: the service was not started with LoadCredential=",
                    a.reason());
        }

        @Test
        void keyAndSecretFilesAreFoundWithTheirTrailingNewlineStripped() throws IOException {
            put("cryptocom.key", KEY + "\n");
            put("cryptocom.secret", SECRET + "\n");
            SourceAttempt a = look(2);
            assertEquals(Outcome.FOUND, a.outcome());
            assertEquals("systemdCredential cryptocom", a.source());
            assertEquals(List.of(dir.resolve("cryptocom.key").toString(), dir.resolve("cryptocom.secret").toString()),
                    a.names());
            assertEquals(ApiCredentials.of(KEY, SECRET), a.credentials().orElseThrow());
        }

        @Test
        void noFilesIsEmpty() {
            env.put(SystemdCredentialSource.DIRECTORY_VARIABLE, dir.toString());
            SourceAttempt a = look(2);
            assertEquals(Outcome.EMPTY, a.outcome());
            assertEquals(dir.resolve("cryptocom.key") + " and " + dir.resolve("cryptocom.secret") + " are missing",
                    a.reason());
        }

        @Test
        void halfPresentIsIncomplete() throws IOException {
            put("cryptocom.secret", SECRET);
            SourceAttempt a = look(2);
            assertEquals(Outcome.INCOMPLETE, a.outcome());
            assertEquals(dir.resolve("cryptocom.secret") + " is present but " + dir.resolve("cryptocom.key")
                    + " is missing", a.reason());
        }

        @Test
        void kucoinReadsThePassphraseFile() throws IOException {
            put("cryptocom.key", KEY);
            put("cryptocom.secret", SECRET);
            assertEquals(Outcome.INCOMPLETE, look(3).outcome());
            put("cryptocom.passphrase", PASSPHRASE + "\n");
            assertEquals(new ApiCredentials(KEY, SECRET, PASSPHRASE), look(3).credentials().orElseThrow());
        }

        @Test
        void anUnreadableFileFails() throws IOException {
            put("cryptocom.key", KEY);
            Files.createDirectory(dir.resolve("cryptocom.secret"));
            SourceAttempt a = look(2);
            assertEquals(Outcome.FAILED, a.outcome());
            assertEquals("cannot read " + dir.resolve("cryptocom.secret") + ": IOException", a.reason());
        }
    }

    /**
     * An Ed25519 or RSA key's PEM stands where the secret would, under the same names, in every
     * form a host keeps it: a multi-line variable, a dotenv value quoted over several lines or
     * on one line with its newlines escaped, a LoadCredential= file. Each reads as the same key.
     */
    @Nested
    class PrivateKeysInTheSecretsPlace {
        static final PemKeys.Pair ED25519 = PemKeys.ed25519();
        final SafeFingerprint publicKey = SafeFingerprint.ofPublicKey(ED25519.publicKey().getEncoded());

        SafeFingerprint signingKeyOf(SourceAttempt attempt) {
            assertEquals(Outcome.FOUND, attempt.outcome(), attempt::toString);
            KeyReading reading = attempt.credentials().orElseThrow().signingWith(KeyType.ED25519);
            assertTrue(reading.usable(), reading::problem);
            for (String piece : ED25519.pieces(16)) {
                assertFalse(attempt.toString().contains(piece), attempt::toString);
            }
            return reading.ready().orElseThrow().signingKey().orElseThrow().publicKeyFingerprint();
        }

        @Test
        void inAnEnvironmentVariable() {
            Map<String, String> env = Map.of("K", KEY, "S", ED25519.pem());

            assertEquals(publicKey, signingKeyOf(new EnvVarSource(List.of("K", "S"), env).look(DEADLINE)));
        }

        @Test
        void inAnEnvFileQuotedOverSeveralLinesOrOnOneWithEscapedNewlines() throws IOException {
            Path multi = Files.writeString(dir.resolve("multi.env"), "K=" + KEY + "\nS=\"" + ED25519.pem() + "\"\n");
            Path single = Files.writeString(dir.resolve("single.env"), "K=" + KEY + "\nS=\""
                    + ED25519.pem().strip().replace("\n", "\\n") + "\"\n");

            assertEquals(publicKey, signingKeyOf(new EnvFileSource(multi, List.of(List.of("K", "S"))).look(DEADLINE)));
            assertEquals(publicKey, signingKeyOf(new EnvFileSource(single, List.of(List.of("K", "S"))).look(DEADLINE)));
        }

        @Test
        void inALoadCredentialFile() throws IOException {
            Files.writeString(dir.resolve("binance.key"), KEY + "\n");
            Files.writeString(dir.resolve("binance.secret"), ED25519.pem());
            Map<String, String> env = Map.of(SystemdCredentialSource.DIRECTORY_VARIABLE, dir.toString());

            assertEquals(publicKey, signingKeyOf(new SystemdCredentialSource("binance", 2, env).look(DEADLINE)));
        }
    }
}
