package io.credwatch.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.testing.AgentProcess;
import io.credwatch.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the daemon as its own process, logging as logback users expect: an operator's
 * logback file, named by {@code -Dlogback.configurationFile} or found in the configuration
 * directory, decides the output; a broken one costs one line on stderr and the built-in layout
 * takes over; {@code logging.format: json} turns the built-in lines into JSON, and back on reload.
 */
@Timeout(180)
class DaemonLoggingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The built-in layout's serving line, under journald ({@code <6>}) or on a terminal. */
    private static final Pattern BUILT_IN_SERVING = Pattern.compile(
            "(?m)^(<6>|\\d{4}-\\d\\d-\\d\\dT\\S+Z INFO  )Agent: credwatch \\S+ serving on http://127\\.0\\.0\\.1:\\d+/ ");

    @TempDir
    Path dir;
    private AgentProcess agent;
    private Process daemon;

    @BeforeEach
    void setUp() {
        agent = AgentProcess.in(dir);
    }

    @AfterEach
    void tearDown() {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly();
        }
    }

    /** No check that would leave the host: the daemon's own lines are what is read. */
    private Path config(String logging) throws IOException {
        return Files.writeString(dir.resolve("credwatch.yaml"), """
                agent: { stateDir: %s }
                http: { port: 0 }
                jmx: { enabled: false }
                checks:
                  aws-credentials: { enabled: false }
                  egress-ip: { enabled: false }
                  secrets-rotation: { enabled: false }
                  plaintext-secrets: { enabled: false }
                %s
                """.formatted(dir.resolve("state"), logging));
    }

    private Path logback(String name, String body) throws IOException {
        return Files.writeString(dir.resolve(name), "<configuration>\n" + body + "\n</configuration>\n");
    }

    private void startDaemon(Path config) throws IOException, InterruptedException {
        daemon = agent.start("daemon", "run", "--config", config.toString());
        Await.until("the daemon to serve", Duration.ofSeconds(60), () -> stdout().contains("serving on"));
    }

    /** SIGTERM, as systemd stops it; the daemon's own last line is written by then. */
    private void stopDaemon() throws InterruptedException {
        daemon.destroy();
        assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM");
        assertEquals(0, daemon.exitValue(), this::stderr);
    }

    private String stdout() {
        return read(agent.stdout("daemon"));
    }

    private String stderr() {
        return read(agent.stderr("daemon"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /** Each line as a JSON object, after the {@code <N>} priority journald would strip. */
    private static List<JsonNode> objects(String output) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        for (String line : output.lines().toList()) {
            JsonNode object = JSON.readTree(line.replaceFirst("^<\\d>", ""));
            assertTrue(object != null && object.isObject(), "not a JSON object: " + line);
            objects.add(object);
        }
        return objects;
    }

    private static boolean said(List<JsonNode> objects, String logger, String field, String start) {
        return objects.stream().anyMatch(o -> o.path("loggerName").asText().equals(logger)
                && o.path(field).asText().startsWith(start));
    }

    @Nested
    class AnOperatorsLogbackFile {

        @Test
        void namedByThePropertyWithLogbacksJsonEncoderMakesEveryLineJson() throws Exception {
            Path file = logback("json.xml", """
                    <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                      <encoder class="ch.qos.logback.classic.encoder.JsonEncoder"/>
                    </appender>
                    <root level="INFO"><appender-ref ref="out"/></root>""");
            agent.flags("-Dlogback.configurationFile=" + file);

            startDaemon(config(""));
            stopDaemon();

            List<JsonNode> lines = objects(stdout());
            assertTrue(said(lines, "io.credwatch.Agent", "message", "credwatch {} serving on {}"), stdout());
            assertTrue(said(lines, "io.credwatch.Agent", "message", "credwatch stopped"), stdout());
            assertTrue(lines.stream().anyMatch(o -> o.path("message").asText().equals("logging configured by {}")
                    && o.path("arguments").path(0).asText().equals(file.toString())), stdout());
            assertEquals("", stderr());
        }

        @Test
        void inTheConfigurationDirectoryIsTheDaemonsAndLeftAsideByOneShotCommands() throws Exception {
            logback("logback.xml", """
                    <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                      <encoder><pattern>OPERATOR %level %logger{0}: %msg%n</pattern></encoder>
                    </appender>
                    <root level="INFO"><appender-ref ref="out"/></root>""");
            Path config = config("");

            startDaemon(config);
            stopDaemon();
            AgentProcess.Finished check = agent.run("check", Duration.ofSeconds(60), "check", "--json",
                    "--config", config.toString());

            assertTrue(stdout().lines().anyMatch(l -> l.startsWith("OPERATOR INFO Agent: credwatch ")
                    && l.contains(" serving on ")), stdout());
            assertTrue(stdout().contains("OPERATOR INFO LogbackFileConfigurator: logging configured by "
                    + dir.resolve("logback.xml")), stdout());
            assertEquals(0, check.status(), check::stderr);
            assertTrue(JSON.readTree(check.stdout()).isArray(), "check --json prints its answer alone: " + check.stdout());
            assertFalse(check.stderr().contains("OPERATOR"), check::stderr);
        }

        @Test
        void brokenIsOneLineOnStderrAndTheBuiltInLayoutTakesOver() throws Exception {
            Path file = logback("broken.xml", """
                    <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                      <encoder class="ch.qos.logback.classic.encoder.JsonEncoder"/>
                    <root level="INFO"><appender-ref ref="out"/></root>""");
            agent.flags("-Dlogback.configurationFile=" + file);

            startDaemon(config(""));
            stopDaemon();

            List<String> complaint = stderr().lines().toList();
            assertEquals(1, complaint.size(), stderr());
            assertTrue(complaint.get(0).startsWith("credwatch: logback configuration " + file + ": line "), stderr());
            assertTrue(complaint.get(0).endsWith("; using the built-in default"), stderr());
            assertTrue(BUILT_IN_SERVING.matcher(stdout()).find(), stdout());
        }
    }

    @Nested
    class LoggingFormatJson {

        @Test
        void turnsTheBuiltInLinesIntoJsonAndAReloadToTextTurnsThemBack() throws Exception {
            Path config = config("logging: { format: json }");

            startDaemon(config);
            List<JsonNode> before = objects(stdout());
            config("logging: { format: text }");
            assertEquals(0, new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid())).start().waitFor());
            Await.until("the reload", Duration.ofSeconds(30), () -> stdout().contains("reloaded "));
            stopDaemon();

            assertTrue(said(before, "io.credwatch.Agent", "formattedMessage", "credwatch "), stdout());
            assertTrue(Pattern.compile("(?m)^(<6>|\\S+ INFO  )ConfigReload: reloaded ").matcher(stdout()).find(), stdout());
            assertTrue(Pattern.compile("(?m)^(<6>|\\S+ INFO  )Agent: credwatch stopped$").matcher(stdout()).find(), stdout());
            assertEquals("", stderr());
        }
    }
}
