package io.credwatch.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlaintextScannerTest {

    @TempDir
    Path dir;

    private static ScanReport scan(IgnoreList ignore, Path... paths) {
        return new PlaintextScanner(ignore).scan(List.of(paths), () -> false);
    }

    private static ScanReport scan(Path... paths) {
        return scan(IgnoreList.NONE, paths);
    }

    /** {@code name:line:rule} of each finding, file names only. */
    private static List<String> where(ScanReport report) {
        return report.findings().stream()
                .map(f -> Path.of(f.file()).getFileName() + ":" + f.line() + ":" + f.rule().id()).toList();
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Nested
    class Fixture {
        @Test
        void everyFlaggedFixtureIsFoundOnTheRightLineByTheRightRule() {
            ScanReport report = scan(Fixtures.dir("flagged"));
            assertEquals(List.of(
                    ".env:3:dotenv-secret", ".env:4:dotenv-secret", ".env:5:dotenv-secret",
                    "app.properties:2:config-secret",
                    "deploy.sh:3:aws-access-key", "deploy.sh:6:high-entropy", "deploy.sh:7:url-credentials",
                    "docker-compose.yml:6:compose-secret", "docker-compose.yml:11:known-token",
                    "mm-bot.service:7:systemd-env-secret", "mm-bot.service:7:systemd-env-secret",
                    "settings.json:4:config-secret", "settings.json:6:config-secret",
                    "settings.yaml:4:config-secret", "settings.yaml:6:config-secret",
                    "task-definition.json:10:ecs-plaintext-env", "task-definition.json:13:ecs-plaintext-env",
                    "uploader.pem:2:private-key"), where(report));
            assertEquals(List.of(), report.problems());
        }

        @Test
        void everyRuleHasAFlaggedFixture() {
            Set<String> found = scan(Fixtures.dir("flagged")).findings().stream().map(f -> f.rule().id())
                    .collect(Collectors.toSet());
            assertEquals(Arrays.stream(ScanRule.values()).map(ScanRule::id).collect(Collectors.toSet()), found);
        }

        static Stream<String> twins() throws Exception {
            try (Stream<Path> files = Files.list(Fixtures.dir("clean"))) {
                return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
            }
        }

        @ParameterizedTest
        @MethodSource("twins")
        void everyCleanTwinIsNotFlagged(String name) {
            assertTrue(Files.exists(Fixtures.dir("flagged").resolve(name)), "a clean twin of nothing: " + name);
            ScanReport report = scan(Fixtures.dir("clean").resolve(name));
            assertEquals(List.of(), report.findings().stream().map(Finding::format).toList());
            assertEquals(List.of(), report.problems());
        }
    }

    @Nested
    class Masking {
        @Test
        void noFindingHoldsAnyPieceOfTheValue() throws Exception {
            for (String[] f : Fixtures.canaryFiles()) {
                write(f[0], f[1]);
            }
            ScanReport report = scan(dir);
            assertEquals(Fixtures.canaryFiles().length, report.files().size(), String.join("\n", where(report)));
            for (Finding f : report.findings()) {
                assertNull(Fixtures.canaryPiece(f.format()), f.format());
                assertNull(Fixtures.canaryPiece(f.toDetail().toString()), f.format());
            }
        }

        @Test
        void aFindingSaysTheLengthOnly() throws Exception {
            write(".env", "API_SECRET=" + Fixtures.CANARY + "\n");
            String line = scan(dir).findings().get(0).format();
            assertTrue(line.startsWith(dir.resolve(".env") + ":1: dotenv-secret: variable API_SECRET holds a literal value ("
                    + Fixtures.CANARY.length() + " chars); "), line);
        }

        @Test
        void aYamlKeyThatIsNotANameIsNotPrinted() throws Exception {
            write("odd.yaml", "\"secret " + Fixtures.CANARY + "\": " + Fixtures.CANARY + "\n");
            ScanReport report = scan(dir);
            assertEquals(1, report.findings().size());
            assertNull(Fixtures.canaryPiece(report.findings().get(0).format()));
        }
    }

    @Nested
    class Formats {
        @Test
        void dotenvQuotesMaySpanLinesAndTheFindingIsOnTheNamesLine() throws Exception {
            write(".env.production", "A=1\nAPI_SECRET=\"first line\nsecond line\"\nDB_PASSWORD=s3cret-value # inline\n");
            assertEquals(List.of(".env.production:2:dotenv-secret", ".env.production:4:dotenv-secret"), where(scan(dir)));
        }

        @Test
        void cloudFormationTaskDefinitionsWithCapitalisedKeysAreEcs() throws Exception {
            write("stack.yaml", """
                    Resources:
                      TaskDef:
                        Type: AWS::ECS::TaskDefinition
                        Properties:
                          ContainerDefinitions:
                            - Name: bot
                              Environment:
                                - Name: API_SECRET
                                  Value: s3cr3t-literal-value
                    """);
            assertEquals(List.of("stack.yaml:9:ecs-plaintext-env"), where(scan(dir)));
        }

        @Test
        void aSystemdDropInIsReadAsAUnit() throws Exception {
            write("override.conf", "[Service]\nEnvironment=API_TOKEN=literal-token-value\n");
            assertEquals(List.of("override.conf:2:systemd-env-secret"), where(scan(dir)));
        }

        @Test
        void kubernetesStyleNameValuePairsAreConfigSecrets() throws Exception {
            write("deploy.yaml", "env:\n  - name: API_SECRET\n    value: literal-secret-value\n");
            assertEquals(List.of("deploy.yaml:3:config-secret"), where(scan(dir)));
        }

        @Test
        void aLineFlaggedByTwoRulesIsReportedOnceByTheMoreSpecific() throws Exception {
            write(".env", "AWS_ACCESS_KEY_ID=AKIAXTPLPFT7V4SEH2KV AWS_SECRET_ACCESS_KEY=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\n");
            assertEquals(List.of(".env:1:aws-access-key"), where(scan(dir)));
        }
    }

    @Nested
    class Problems {
        @Test
        void aMissingFileIsReportedAndTheRestIsScanned() throws Exception {
            Path env = write(".env", "API_SECRET=literal-secret-value\n");
            ScanReport report = scan(dir.resolve("missing.json"), env);
            assertEquals(1, report.findings().size());
            assertEquals(1, report.problems().size());
            assertEquals(dir.resolve("missing.json") + ": cannot read: no such file or directory",
                    report.problems().get(0).format());
            assertTrue(report.problems().get(0).incomplete());
        }

        @Test
        void anUnparsableFileIsReportedWithoutItsTextAndStillGetsTheContentRules() throws Exception {
            Path broken = write("task.json", "{\"containerDefinitions\": [ " + Fixtures.CANARY + "\n"
                    + "-----BEGIN PRIVATE KEY-----\n" + "A".repeat(30) + "b".repeat(40) + "\n-----END PRIVATE KEY-----\n");
            ScanReport report = scan(broken);
            assertEquals(List.of("task.json:2:private-key"), where(report));
            ScanProblem p = report.problems().get(0);
            assertEquals(ScanProblem.Kind.UNPARSABLE, p.kind());
            assertTrue(p.reason().startsWith("cannot parse as ECS task definition: not valid JSON (line 1"), p.reason());
            assertNull(Fixtures.canaryPiece(p.format()), p.format());
        }

        @Test
        void gitMetadataBinariesAndLargeFilesAreSkippedAndTheLatterTwoReported() throws Exception {
            write(".git/config", "API_SECRET=literal-secret-value\n");
            Files.write(dir.resolve("blob.bin"), new byte[] {'A', 0, 'B'});
            write("huge.env", "API_SECRET=literal-secret-value\n" + "#".repeat((int) PlaintextScanner.MAX_FILE_BYTES));
            ScanReport report = scan(dir);
            assertEquals(List.of(), report.findings());
            assertEquals(List.of(dir.resolve("blob.bin") + ": skipped: binary file",
                    dir.resolve("huge.env") + ": skipped: larger than 1 MiB"),
                    report.problems().stream().map(ScanProblem::format).toList());
            assertFalse(report.problems().stream().anyMatch(ScanProblem::incomplete));
        }

        @Test
        void theScanStopsWhenAskedAndSaysItIsPartial() throws Exception {
            for (int i = 0; i < 5; i++) {
                write("f" + i + ".env", "API_SECRET=literal-secret-value\n");
            }
            AtomicInteger asked = new AtomicInteger();
            ScanReport report = new PlaintextScanner(IgnoreList.NONE).scan(List.of(dir), () -> asked.incrementAndGet() > 3);
            assertTrue(report.partial());
            assertTrue(report.filesScanned() < 5, "scanned " + report.filesScanned());
        }
    }

    @Nested
    class Ignoring {
        @Test
        void aGlobSkipsMatchingFiles() {
            ScanReport report = scan(IgnoreList.parse(List.of("*.env", ".env", "deploy.*")), Fixtures.dir("flagged"));
            assertFalse(where(report).stream().anyMatch(w -> w.startsWith(".env:")));
            assertFalse(where(report).stream().anyMatch(w -> w.startsWith("deploy.sh:")));
        }

        @Test
        void aPathGlobMatchesTheEndOfThePathOrTheAbsolutePath() {
            Path flagged = Fixtures.dir("flagged");
            assertFalse(where(scan(IgnoreList.parse(List.of("flagged/*.sh")), flagged)).contains("deploy.sh:3:aws-access-key"));
            assertFalse(where(scan(IgnoreList.parse(List.of(flagged + "/*.sh")), flagged)).contains("deploy.sh:3:aws-access-key"));
            assertTrue(where(scan(IgnoreList.parse(List.of("other/*.sh")), flagged)).contains("deploy.sh:3:aws-access-key"));
        }

        @Test
        void aGlobWithARuleAcceptsOnlyThatRule() throws Exception {
            write(".env", "API_SECRET=literal-secret-value\n-----BEGIN PRIVATE KEY-----\n" + "Ab1+".repeat(20)
                    + "\n-----END PRIVATE KEY-----\n");
            assertEquals(List.of(".env:2:private-key"), where(scan(IgnoreList.parse(List.of(".env#dotenv-secret")), dir)));
            assertEquals(List.of(".env:1:dotenv-secret"), where(scan(IgnoreList.parse(List.of("*#private-key")), dir)));
        }

        @Test
        void theTokenAndUrlRulesAreAcceptedByIdLikeEveryOther() {
            Path flagged = Fixtures.dir("flagged");
            List<String> all = where(scan(flagged));
            assertTrue(all.contains("docker-compose.yml:11:known-token") && all.contains("deploy.sh:7:url-credentials"));
            List<String> accepted = where(scan(IgnoreList.parse(List.of("docker-compose.yml#known-token", "*.sh#url-credentials")), flagged));
            assertFalse(accepted.contains("docker-compose.yml:11:known-token"));
            assertFalse(accepted.contains("deploy.sh:7:url-credentials"));
            assertEquals(List.of(), IgnoreList.parse(List.of("*#known-token", "*#url-credentials")).unknownRules());
        }

        @Test
        void anEntryNamingNoRuleIsKnownAsSuch() {
            assertEquals(List.of("high-entropi"), IgnoreList.parse(List.of("*.env#high-entropi", "*#private-key")).unknownRules());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "#dotenv-secret", "*.env#", "*.env#not a rule", "[a-.env"})
        void aMalformedEntryIsRefused(String entry) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> IgnoreList.parse(List.of(entry)));
        }
    }
}
