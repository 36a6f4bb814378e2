package io.credwatch.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.Category;
import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckResult;
import io.credwatch.check.Status;
import io.credwatch.config.PlaintextSecretsCheckConfig;
import io.credwatch.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaintextSecretsCheckTest {

    private static final Instant START = Instant.parse("2025-01-02T03:04:05Z");

    @TempDir
    Path dir;

    private static CheckResult run(List<String> paths, List<String> ignore, Clock clock, Duration budget) {
        var check = new PlaintextSecretsCheck(new PlaintextSecretsCheckConfig(null, null, null, paths, ignore));
        return check.run(new CheckContext(clock, clock.instant().plus(budget), false));
    }

    private static CheckResult run(List<String> paths, List<String> ignore) {
        return run(paths, ignore, new MutableClock(START), Duration.ofSeconds(60));
    }

    /** Each reading of the clock is a second later: a deadline passes part way through a scan. */
    private static Clock ticking() {
        MutableClock clock = new MutableClock(START);
        clock.advanceOnEveryRead(Duration.ofSeconds(1));
        return clock;
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void findingsAreCriticalWithTheCountTheFilesAndNoValue() throws Exception {
        write("app.env", "API_SECRET=" + Fixtures.CANARY + "\nDB_PASSWORD=" + Fixtures.CANARY + "\n");
        write("task.json", "{\"containerDefinitions\": [{\"name\": \"bot\", \"environment\": [\n"
                + "  {\"name\": \"API_TOKEN\", \"value\": \"" + Fixtures.CANARY + "\"}]}]}\n");
        write("notes.txt", "nothing here\n");
        CheckResult r = run(List.of(dir + "/*.env", dir + "/*.json", dir + "/*.txt"), List.of());
        assertEquals(Status.CRITICAL, r.status());
        assertEquals(Category.PLAINTEXT_SECRET, r.category());
        assertEquals("3 plaintext secrets in 2 files: " + dir.resolve("app.env") + ", " + dir.resolve("task.json"), r.summary());
        assertEquals(3, r.details().get("count"));
        assertEquals(List.of(dir.resolve("app.env").toString(), dir.resolve("task.json").toString()), r.details().get("files"));
        assertEquals(Map.of("file", dir.resolve("task.json").toString(), "line", 2, "rule", "ecs-plaintext-env"),
                ((List<?>) r.details().get("findings")).get(2));
        assertTrue(r.remediation().contains("Secrets Manager"), r.remediation());
        assertNull(Fixtures.canaryPiece(r.toString()), r.toString());
    }

    @Test
    void cleanFilesAreOk() {
        CheckResult r = run(List.of(Fixtures.dir("clean") + "/*"), List.of());
        assertEquals(Status.OK, r.status(), r.toString());
        assertEquals("no plaintext secret in 9 files", r.summary());
    }

    @Test
    void ignoreEntriesFromTheConfigurationApply() {
        CheckResult r = run(List.of(Fixtures.dir("flagged").toString()), List.of("*", "x#no-such-rule"));
        assertEquals(Status.OK, r.status(), r.toString());
        assertEquals(List.of("no-such-rule"), r.details().get("ignoreUnknownRules"));
    }

    @Test
    void noPathsIsOkAndSaysSo() {
        CheckResult r = run(List.of(), List.of());
        assertEquals(Status.OK, r.status());
        assertEquals("nothing to scan: checks.plaintext-secrets.paths is empty", r.summary());
    }

    @Test
    void aGlobMatchingNothingIsADetailNotAFailure() throws Exception {
        write("app.env", "LOG_LEVEL=info\n");
        CheckResult r = run(List.of(dir + "/*.env", dir + "/deploy/*.json", dir + "/missing.env"), List.of());
        assertEquals(Status.OK, r.status(), r.toString());
        assertEquals(List.of(dir + "/deploy/*.json", dir + "/missing.env"), r.details().get("unmatched"));
    }

    @Test
    void anUnparsableFileWithoutFindingsIsUnknown() throws Exception {
        write("task.json", "{\"containerDefinitions\": [ oops\n");
        CheckResult r = run(List.of(dir + "/*.json"), List.of());
        assertEquals(Status.UNKNOWN, r.status(), r.toString());
        assertEquals(Category.UNAVAILABLE, r.category());
        assertTrue(r.summary().contains("could not be read or parsed in full: " + dir.resolve("task.json")), r.summary());
        assertEquals(List.of(Map.of("file", dir.resolve("task.json").toString(),
                "problem", "cannot parse as ECS task definition: not valid JSON (line 1, column 28); only the content rules ran")),
                r.details().get("problems"));
    }

    @Test
    void theScanStopsBeforeTheDeadlineAndSaysItWasPartial() throws Exception {
        for (int i = 0; i < 30; i++) {
            write("f" + i + ".env", "LOG_LEVEL=info\n");
        }
        CheckResult r = run(List.of(dir + "/*.env"), List.of(), ticking(),
                Duration.ofSeconds(20));
        assertEquals(Status.UNKNOWN, r.status(), r.toString());
        assertEquals(Category.TIMEOUT, r.category());
        assertTrue(r.summary().startsWith("scan stopped at the deadline after "), r.summary());
        int scanned = (int) r.details().get("filesScanned");
        assertTrue(scanned > 0 && scanned < 30, "scanned " + scanned);
    }

    @Test
    void findingsBeforeTheDeadlineAreStillCritical() throws Exception {
        write("a.env", "API_SECRET=literal-secret-value\n");
        for (int i = 0; i < 30; i++) {
            write("f" + i + ".env", "LOG_LEVEL=info\n");
        }
        CheckResult r = run(List.of(dir + "/*.env"), List.of(), ticking(),
                Duration.ofSeconds(20));
        assertEquals(Status.CRITICAL, r.status(), r.toString());
        assertTrue(r.summary().endsWith("(partial scan: stopped at the deadline)"), r.summary());
    }

}
