package io.credwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.testing.IpEcho;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path dir;
    private final IpEcho echo = new IpEcho("198.51.100.23");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stopEcho() {
        echo.close();
    }

    private int run(String... args) {
        Main main = new Main(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return main.execute(args);
    }

    private Path config(String allowlist) throws Exception {
        String yaml = """
                agent: { stateDir: %s }
                checks:
                  aws-credentials: { enabled: false }
                  egress-ip:
                    sources: ["http://127.0.0.1:%d/"]
                    allowlist: [%s]
                """.formatted(dir.resolve("state"), echo.uri("").getPort(), allowlist);
        return Files.writeString(dir.resolve("credwatch.yaml"), yaml);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Nested
    class LocaleData {

        @Test
        void beforeJava21TheCompactDataIsChosen() {
            java.util.Properties properties = new java.util.Properties();

            Main.preferCompactLocaleData(properties, 17);

            assertEquals("COMPAT", properties.getProperty("java.locale.providers"));
        }

        @Test
        void fromJava21NothingIsChosenSinceThatDataIsDeprecatedThere() {
            java.util.Properties properties = new java.util.Properties();

            Main.preferCompactLocaleData(properties, 21);

            assertFalse(properties.containsKey("java.locale.providers"));
        }

        @Test
        void aHostsOwnChoiceIsKept() {
            java.util.Properties properties = new java.util.Properties();
            properties.setProperty("java.locale.providers", "CLDR");

            Main.preferCompactLocaleData(properties, 17);

            assertEquals("CLDR", properties.getProperty("java.locale.providers"));
        }
    }

    @Nested
    class Usage {
        @Test
        void versionPrintsTheVersion() {
            assertEquals(0, run("version"));
            assertTrue(stdout().startsWith("credwatch "), stdout());
        }

        @Test
        void anUnknownCommandIsAUsageError() {
            assertEquals(64, run("frobnicate"));
            assertTrue(stderr().contains("unknown command 'frobnicate'"), stderr());
        }

        @Test
        void anUnknownOptionIsAUsageError() {
            assertEquals(64, run("validate", "--verbose"));
        }
    }

    @Nested
    class Validate {
        @Test
        void aValidFileExitsZero() throws Exception {
            assertEquals(0, run("validate", "--config", config("198.51.100.23").toString()));
            assertTrue(stdout().startsWith("configuration valid: "), stdout());
        }

        @Test
        void aBrokenFileExits78WithOneLineNamingTheField() throws Exception {
            Path bad = Files.writeString(dir.resolve("bad.yaml"),
                    "exchanges:\n  - id: a\n    type: bybitt\n    credentials: { env: [[K, S]] }\n");
            assertEquals(78, run("validate", "--config", bad.toString()));
            String message = stderr().strip();
            assertEquals("credwatch: invalid configuration " + bad + ": exchanges[0].type: unknown exchange 'bybitt'; "
                    + "one of cryptocom, bybit, binance, kucoin, alpaca", message);
            assertEquals("", stdout());
        }

        @Test
        void aMissingFileExits78() {
            assertEquals(78, run("validate", "--config", dir.resolve("none.yaml").toString()));
        }
    }

    @Nested
    class CheckCommand {
        @Test
        void allowlistedIpExitsZeroAndPrintsATable() throws Exception {
            assertEquals(0, run("check", "--config", config("198.51.100.23").toString()), stdout() + stderr());
            assertTrue(stdout().startsWith("CHECK"), stdout());
            assertTrue(stdout().contains("egress-ip"), stdout());
            assertTrue(stdout().contains("198.51.100.23"), stdout());
        }

        @Test
        void anIpMissingFromTheAllowlistExitsTwoAndSaysWhatToAdd() throws Exception {
            assertEquals(2, run("check", "--config", config("203.0.113.7").toString()));
            assertTrue(stdout().contains("IP_NOT_ALLOWLISTED"), stdout());
            assertTrue(stdout().contains("fix: "), stdout());
        }

        @Test
        void jsonIsTheSameArrayAsTheHttpApi() throws Exception {
            assertEquals(2, run("check", "--json", "--only", "egress-ip", "--config", config("203.0.113.7").toString()));
            JsonNode array = new ObjectMapper().readTree(stdout());
            assertTrue(array.isArray());
            JsonNode r = array.get(0);
            for (String field : new String[] {"id", "type", "status", "category", "summary", "remediation", "details",
                    "startedAt", "durationMs", "consecutiveFailures", "lastChange"}) {
                assertTrue(r.has(field), "missing " + field + " in " + r);
            }
            assertEquals("CRITICAL", r.get("status").asText());
            assertEquals("IP_NOT_ALLOWLISTED", r.get("category").asText());
        }

        @Test
        void theOneShotCheckDoesNotWriteState() throws Exception {
            run("check", "--config", config("198.51.100.23").toString());
            assertTrue(!Files.exists(dir.resolve("state")) || Files.list(dir.resolve("state")).findAny().isEmpty());
        }

        @Test
        void anUnknownOnlyIdIsAUsageError() throws Exception {
            assertEquals(64, run("check", "--only", "nope", "--config", config("198.51.100.23").toString()));
            assertTrue(stderr().contains("no check 'nope'"), stderr());
        }
    }

    @Nested
    class Scan {
        private static final String CANARY = "CnRy7Qv2Lx9Wm4Tz8Kp3Jd6Hs1Gf5Bn0";

        private Path deploy() throws Exception {
            Path d = Files.createDirectories(dir.resolve("deploy"));
            Files.writeString(d.resolve(".env"), "# bot\nLOG_LEVEL=info\nexport API_SECRET=\"" + CANARY + "\"\n");
            Files.writeString(d.resolve("task.json"), "{\"containerDefinitions\": [{\"name\": \"bot\",\n"
                    + "  \"environment\": [{\"name\": \"API_TOKEN\", \"value\": \"" + CANARY + "\"}]}]}\n");
            return d;
        }

        private void assertNoCanary() {
            for (int i = 0; i + 8 <= CANARY.length(); i++) {
                String piece = CANARY.substring(i, i + 8);
                assertTrue(!stdout().contains(piece) && !stderr().contains(piece), "leaked " + piece);
            }
        }

        @Test
        void findingsExitTwoOneLineEachWithTheValueMasked() throws Exception {
            Path d = deploy();
            assertEquals(2, run("scan", d.toString()), stderr());
            String[] lines = stdout().split("\n");
            assertEquals(2, lines.length, stdout());
            assertTrue(lines[0].startsWith(d.resolve(".env") + ":3: dotenv-secret: variable API_SECRET holds a literal value (32 chars); "), lines[0]);
            assertTrue(lines[1].startsWith(d.resolve("task.json") + ":2: ecs-plaintext-env: environment variable API_TOKEN of container 'bot' "), lines[1]);
            assertTrue(lines[1].contains("valueFrom") && lines[1].contains("secretsmanager:GetSecretValue"), lines[1]);
            for (String line : lines) {
                assertTrue(line.matches("[^:]+:\\d+: [a-z-]+: .+; .+"), line);
            }
            assertTrue(stderr().contains("2 findings in 2 of 2 files scanned"), stderr());
            assertNoCanary();
        }

        @Test
        void cleanFilesExitZeroWithNothingOnStdout() throws Exception {
            Path env = Files.writeString(dir.resolve(".env"), "API_SECRET=${API_SECRET}\nTOKEN_URL=https://example.com/t\n");
            assertEquals(0, run("scan", env.toString()));
            assertEquals("", stdout());
        }

        @Test
        void anUnreadableFileIsReportedOnStderrAndTheScanGoesOn() throws Exception {
            Path d = deploy();
            assertEquals(2, run("scan", dir.resolve("nope.json").toString(), d.toString()));
            assertTrue(stderr().contains("credwatch: " + dir.resolve("nope.json") + ": cannot read: no such file or directory\n"), stderr());
            assertEquals(2, stdout().lines().count());
        }

        @Test
        void onlyAnUnreadableFileExitsZero() {
            assertEquals(0, run("scan", dir.resolve("nope.json").toString()));
            assertTrue(stderr().contains("no such file or directory"), stderr());
        }

        @Test
        void ignoreEntriesAcceptFindingsByFileAndRule() throws Exception {
            Path d = deploy();
            assertEquals(2, run("scan", "--ignore", "*.json", d.toString()));
            assertEquals(1, stdout().lines().count(), stdout());
            out.reset();
            assertEquals(0, run("scan", "--ignore", "*.json", "--ignore=.env#dotenv-secret", d.toString()));
            assertEquals("", stdout());
        }

        @Test
        void usageErrorsExit64() throws Exception {
            assertEquals(64, run("scan"));
            assertTrue(stderr().contains("scan needs at least one file or directory"), stderr());
            assertEquals(64, run("scan", "--ignore", "#x", dir.toString()));
            assertEquals(64, run("scan", "--ignore", "*#no-such-rule", dir.toString()));
            assertTrue(stderr().contains("names no rule 'no-such-rule'; one of private-key, "), stderr());
            assertEquals(64, run("check", "--ignore", "*.env"));
            assertEquals(64, run("validate", dir.toString()));
        }
    }

    /**
     * What validation accepts, the daemon can build: values at the edges of its rules give
     * results, not an exception (they all share one validation with run and reload).
     */
    @Nested
    class AcceptedValues {

        @Test
        void valuesAtTheEdgesOfTheRulesBuildChecksThatRun() throws Exception {
            Path config = Files.writeString(dir.resolve("credwatch.yaml"), """
                    agent: { stateDir: %s }
                    http: { bind: 127.0.0.2, tokenFile: %s }
                    checks:
                      aws-credentials: { enabled: false }
                      egress-ip: { enabled: false, sources: [imds, "http://127.0.0.1:1/ip?token=abc"] }
                      plaintext-secrets: { paths: ["%s/*.env"], interval: 365d, timeout: 365d }
                    exchanges:
                      - id: bybit-main
                        type: bybit
                        baseUrl: "http://[::1]:1/api/v5/"
                        interval: 365d
                        timeout: 365d
                        credentials: { env: [[NO_SUCH_KEY, NO_SUCH_SECRET]], envFile: %s, systemdCredential: bybit.main }
                    alerts: { webhooks: [{ url: "https://hooks.example.com/x?key=abc" }] }
                    """.formatted(dir.resolve("state"), dir.resolve("token"), dir, dir.resolve("bybit.env")));

            int code = run("check", "--config", config.toString());

            assertEquals(2, code, stdout() + stderr());
            assertTrue(stdout().contains("exchange:bybit-main  CRITICAL  NO_CREDENTIALS"), stdout());
            assertTrue(stdout().contains("plaintext-secrets"), stdout());
            assertFalse(stderr().contains("Exception"), stderr());
        }
    }

    @Nested
    class Fingerprint {
        private static final String KEY = "CANARYKEY-main-0123456789";
        private static final String SECRET = "CANARY-SECRET-main-f00dfeed";

        private int runWith(Map<String, String> env, String... args) {
            Main main = new Main(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return main.execute(args);
        }

        private Path accounts(String expected) throws Exception {
            Files.writeString(dir.resolve("bybit.env"), "# the bot's env file\nexport BOT_KEY=\"" + KEY
                    + "\"\nBOT_SECRET='" + SECRET + "'\n");
            return Files.writeString(dir.resolve("credwatch.yaml"), """
                    checks:
                      aws-credentials: { enabled: false }
                    exchanges:
                      - id: bybit-main
                        type: bybit
                        credentials:
                          envFile: %s
                          env: [[BOT_KEY, BOT_SECRET]]
                        expectedFingerprint: "%s"
                      - id: kucoin-main
                        type: kucoin
                        credentials: { env: [[KC_KEY, KC_SECRET, KC_PASSPHRASE]] }
                    """.formatted(dir.resolve("bybit.env"), expected));
        }

        @Test
        void eachAccountGetsOneLineNamingWhereItsKeyCameFromAndAHalfPairFails() throws Exception {
            Path config = accounts("");

            int code = runWith(Map.of("KC_KEY", "CANARYKEY-kucoin-0123456", "KC_SECRET", SECRET + "-kc"),
                    "fingerprint", "--config", config.toString());

            assertEquals(2, code, stderr());
            String[] lines = stdout().split("\n");
            assertEquals(2, lines.length, stdout());
            assertTrue(lines[0].startsWith("bybit-main   bybit  key len=25 CANA…6789 sha256:"), lines[0]);
            assertTrue(lines[0].endsWith("from envFile " + dir.resolve("bybit.env")), lines[0]);
            assertTrue(lines[1].startsWith("kucoin-main  kucoin  MISSING  env KC_KEY+KC_SECRET+KC_PASSPHRASE: "), lines[1]);
            assertTrue(lines[1].contains("KC_PASSPHRASE"), lines[1]);
            assertFalse(stdout().contains(SECRET) || stdout().contains(KEY) || stderr().contains(SECRET), stdout());
        }

        @Test
        void theJsonIsAnArrayByCredentialAndTheEnvironmentWinsWhereItIsWrittenFirst() throws Exception {
            Path config = accounts("");
            String file = "      envFile: " + dir.resolve("bybit.env") + "\n";
            String env = "      env: [[BOT_KEY, BOT_SECRET]]\n";
            Files.writeString(config, Files.readString(config).replace(file + env, env + file));

            int code = runWith(Map.of("BOT_KEY", "CANARYKEY-fromenv-000000", "BOT_SECRET", SECRET + "-env",
                    "KC_KEY", "k0123456789ab", "KC_SECRET", "s", "KC_PASSPHRASE", "p"), "fingerprint", "--json",
                    "--config", config.toString());

            assertEquals(0, code, stderr());
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stdout());
            assertEquals("bybit-main", json.get(0).get("credential").asText());
            assertEquals("env BOT_KEY+BOT_SECRET", json.get(0).get("source").asText());
            assertEquals("[\"BOT_KEY\",\"BOT_SECRET\"]", json.get(0).get("names").toString());
            assertEquals("OK", json.get(1).get("state").asText());
            assertFalse(stdout().contains(SECRET), stdout());
        }

        @Test
        void anUnexpectedKeyExitsTwoAndTheExpectedOneZero() throws Exception {
            String hash = io.credwatch.fingerprint.SafeFingerprint.ofIdentifier(KEY).sha256Prefix();
            Map<String, String> kucoin = Map.of("KC_KEY", "k0123456789ab", "KC_SECRET", "s", "KC_PASSPHRASE", "p");

            assertEquals(2, runWith(kucoin, "fingerprint", "--config", accounts("abcdef0").toString()));
            assertTrue(stdout().contains("MISMATCH: expected abcdef0"), stdout());
            assertEquals(0, runWith(kucoin, "fingerprint", "--config", accounts(hash.substring(0, 8)).toString()),
                    stdout());
        }

        @Test
        void aBadExpectedFingerprintIsAConfigurationError() throws Exception {
            assertEquals(78, runWith(Map.of(), "fingerprint", "--config", accounts("not hex").toString()));
            assertTrue(stderr().contains("exchanges[0].expectedFingerprint: not a fingerprint"), stderr());
            // A key pasted there by mistake must not reach the journal.
            assertFalse(stderr().contains("not hex"), stderr());
        }
    }
}
