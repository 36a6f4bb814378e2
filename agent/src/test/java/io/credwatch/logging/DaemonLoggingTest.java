package io.credwatch.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Issue 15: the daemon as its own process, logging as logback users expect:
 * {@code logging.format: json} turns the built-in lines into JSON, and back on reload.
 */
@Timeout(180)
class DaemonLoggingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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
