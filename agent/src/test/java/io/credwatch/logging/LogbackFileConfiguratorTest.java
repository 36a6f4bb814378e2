package io.credwatch.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.testing.AgentProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which logback file is read, what a broken one costs, and what a good one may not do. */
class LogbackFileConfiguratorTest {

    private static final String SEEN = "<appender name=\"seen\" class=\"ch.qos.logback.core.read.ListAppender\"/>";

    @TempDir
    Path dir;
    private final Properties properties = new Properties();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final LoggerContext context = new LoggerContext();

    LogbackFileConfiguratorTest() {
        // As logback's provider gives it one: layouts and encoders read each event's MDC.
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @BeforeEach
    void noFileUnlessATestWritesOne() {
        properties.setProperty(LogbackFileConfigurator.DIRECTORY_PROPERTY, dir.toString());
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private ExecutionStatus configure() {
        LogbackFileConfigurator configurator = new LogbackFileConfigurator(properties,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        configurator.setContext(context);
        return configurator.configure(context);
    }

    private Path logback(String name, String body) throws IOException {
        return Files.writeString(dir.resolve(name), "<configuration>\n" + body + "\n</configuration>\n");
    }

    private Path named(String body) throws IOException {
        Path file = logback("named.xml", body);
        properties.setProperty("logback.configurationFile", file.toString());
        return file;
    }

    private Logger root() {
        return context.getLogger(Logger.ROOT_LOGGER_NAME);
    }

    @SuppressWarnings("unchecked")
    private List<String> seen() {
        return ((ListAppender<ILoggingEvent>) root().getAppender("seen")).list.stream()
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Nested
    class WhichFile {

        @Test
        void noneMeansTheBuiltInDefault() {
            assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configure());
            assertFalse(root().iteratorForAppenders().hasNext());
            assertEquals("", stderr());
        }

        @Test
        void theDaemonReadsLogbackXmlInItsDirectory() throws IOException {
            logback("logback.xml", SEEN + "<root level=\"INFO\"><appender-ref ref=\"seen\"/></root>");

            assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configure());
            assertTrue(seen().contains("logging configured by " + dir.resolve("logback.xml")), seen()::toString);
        }

        @Test
        void thePropertyWinsOverTheDirectory() throws IOException {
            logback("logback.xml", "<appender name=\"etc\" class=\"ch.qos.logback.core.read.ListAppender\"/>"
                    + "<root><appender-ref ref=\"etc\"/></root>");
            named(SEEN + "<root><appender-ref ref=\"seen\"/></root>");

            assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configure());
            assertNull(root().getAppender("etc"));
            assertTrue(root().getAppender("seen") != null);
        }

        @Test
        void thePropertyMayBeAUrl() throws IOException {
            Path file = logback("as-url.xml", SEEN + "<root><appender-ref ref=\"seen\"/></root>");
            properties.setProperty("logback.configurationFile", file.toUri().toString());

            assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configure());
        }

        @Test
        void oneShotCommandsLeaveTheDirectoryAsideButNotTheProperty() throws IOException {
            properties.setProperty(LogSetup.TARGET_PROPERTY, "stderr");
            logback("logback.xml", SEEN + "<root><appender-ref ref=\"seen\"/></root>");

            assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configure());
            named(SEEN + "<root><appender-ref ref=\"seen\"/></root>");
            assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configure());
        }
    }

    @Nested
    class ABrokenFile {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                malformed XML          | '<appender name="seen" class="ch.qos.logback.core.read.ListAppender">' | ': line 3, column 3: The element type "appender" must be terminated by the matching end-tag "</appender>"; using'
                unknown appender class | '<appender name="a" class="com.example.NoSuchAppender"/><root><appender-ref ref="a"/></root>' | ': Could not create an Appender of type [com.example.NoSuchAppender] (ClassNotFoundException); using'
                unknown encoder class  | '<appender name="c" class="ch.qos.logback.core.ConsoleAppender"><encoder class="com.example.Enc"/></appender><root><appender-ref ref="c"/></root>' | 'Could not create component [encoder] of type [com.example.Enc] (ClassNotFoundException); using'
                """)
        void isOneLineOnStderrAndTheBuiltInDefaultTakesOver(String what, String body, String problem) throws IOException {
            Path file = named(body);

            assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configure(), what);
            assertOneLine(file.toString(), problem);
            assertFalse(root().iteratorForAppenders().hasNext(), "nothing of the file is left");
            assertTrue(context.getStatusManager().getCopyOfStatusList().stream().noneMatch(s -> s.getLevel() == Status.ERROR),
                    "no error left for logback to print its status dump about");
        }

        @Test
        void missingWhereThePropertyPointsIsOneLineToo() {
            properties.setProperty("logback.configurationFile", dir.resolve("nope.xml").toString());

            assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configure());
            assertOneLine(dir.resolve("nope.xml").toString(), "no such file");
        }

        @Test
        void aNameThatCannotBeAPathIsOneLineToo() {
            properties.setProperty("logback.configurationFile", "logback\u0000.xml");

            assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configure());
            assertOneLine("logback\u0000.xml", "no such file");
        }

        @Test
        void aDirectoryWhereTheFileShouldBeIsOneLineToo() throws IOException {
            Files.createDirectory(dir.resolve("logback.xml"));

            assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configure());
            assertOneLine(dir.resolve("logback.xml").toString(), "a directory, not a file");
        }

        private void assertOneLine(String file, String problem) {
            List<String> lines = stderr().lines().toList();
            assertEquals(1, lines.size(), stderr());
            String line = lines.get(0);
            assertTrue(line.startsWith("credwatch: logback configuration " + file + ": "), line);
            assertTrue(line.endsWith("; using the built-in default"), line);
            assertTrue(line.contains(problem), line);
        }

        /** All of it as SLF4J starts it: the one line on stderr, then the built-in layout on stdout. */
        @Test
        void throughLogbacksProviderLeavesTheBuiltInConsole() throws IOException {
            Path file = logback("broken.xml", "<appender name=\"a\" class=\"com.example.NoSuchAppender\"/>"
                    + "<root><appender-ref ref=\"a\"/></root>");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            PrintStream systemOut = System.out;
            PrintStream systemErr = System.err;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            System.setProperty("logback.configurationFile", file.toString());
            try {
                LoggerContext started = LogbackStartTest.started();
                started.getLogger("io.credwatch.cli.Main").info("serving");
                started.stop();
            } finally {
                System.clearProperty("logback.configurationFile");
                System.setOut(systemOut);
                System.setErr(systemErr);
            }

            assertEquals(1, stderr.toString(StandardCharsets.UTF_8).lines().count(), stderr::toString);
            assertTrue(out.toString(StandardCharsets.UTF_8).contains(" INFO  cli.Main: serving"), out::toString);
        }
    }

    @Nested
    class AGoodFile {

        @Test
        void decidesAppendersAndLevels() throws IOException {
            named(SEEN + "<logger name=\"io.credwatch.egress\" level=\"DEBUG\"/>"
                    + "<root level=\"WARN\"><appender-ref ref=\"seen\"/></root>");

            configure();
            context.getLogger("io.credwatch.egress.EgressIpCheck").debug("egress debug");
            context.getLogger("io.credwatch.http.HttpApi").info("not at WARN");

            assertTrue(seen().contains("egress debug"), seen()::toString);
            assertFalse(seen().contains("not at WARN"), seen()::toString);
        }

        @Test
        void cannotLetAWireLoggerPrintBelowItsFloorAndIsToldSo() throws IOException {
            Path file = named(SEEN + """
                    <logger name="software.amazon.awssdk.request" level="DEBUG"/>
                    <logger name="org.eclipse.jetty" level="TRACE"/>
                    <turboFilter class="ch.qos.logback.classic.turbo.MDCFilter">
                      <MDCKey>any</MDCKey><Value>any</Value><OnMatch>ACCEPT</OnMatch><OnMismatch>ACCEPT</OnMismatch>
                    </turboFilter>
                    <root level="DEBUG"><appender-ref ref="seen"/></root>""");

            configure();
            context.getLogger("software.amazon.awssdk.request").debug("X-Amz-Security-Token: canary");
            context.getLogger("org.eclipse.jetty.http.HttpParser").debug("Authorization: Bearer canary");
            context.getLogger("io.credwatch.egress.EgressIpCheck").debug("credwatch's own debug");

            assertTrue(seen().stream().noneMatch(m -> m.contains("canary")), seen()::toString);
            assertTrue(seen().contains("credwatch's own debug"), "the file's root level reaches credwatch");
            String refusal = seen().stream().filter(m -> m.startsWith("refused ")).findFirst().orElseThrow();
            assertTrue(refusal.contains(file + " logger software.amazon.awssdk.request: DEBUG (held at INFO)")
                    && refusal.contains(file + " logger org.eclipse.jetty: TRACE (held at INFO)")
                    && refusal.contains(file + " logger ROOT: DEBUG (held at INFO)")
                    && refusal.endsWith("each would print request headers, which carry API secrets"), refusal);
        }

        @Test
        void cannotSetAFlagThatMakesAnHttpClientPrintRequests() throws IOException {
            named(SEEN + "<property scope=\"system\" name=\"jdk.internal.httpclient.debug\" value=\"true\"/>"
                    + "<root><appender-ref ref=\"seen\"/></root>");
            try {
                configure();

                assertNull(System.getProperty("jdk.internal.httpclient.debug"));
                assertTrue(seen().stream().anyMatch(m -> m.startsWith("refused ")
                        && m.contains("-Djdk.internal.httpclient.debug (removed)")), seen()::toString);
            } finally {
                System.clearProperty("jdk.internal.httpclient.debug");
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"credwatch.log.level", "credwatch.log.level.io.credwatch.egress"})
        void credwatchsLevelPropertiesAreLeftAsideAndSaidSo(String property) throws IOException {
            Path file = named(SEEN + "<root><appender-ref ref=\"seen\"/></root>");
            properties.setProperty(property, "TRACE");

            configure();

            assertTrue(seen().contains("-D" + property + " not applied: logging is configured by " + file), seen()::toString);
        }
    }

    /** config/logback.xml.example, as an operator copies it to /etc/credwatch/logback.xml. */
    @Nested
    class TheShippedExample {

        private final Path example = AgentProcess.CHECKOUT.resolve("config/logback.xml.example");

        /** What its console appender writes while {@code logging} runs, System.out being the appender's target. */
        private String printed(Runnable logging) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream systemOut = System.out;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                logging.run();
            } finally {
                System.setOut(systemOut);
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        @Test
        void isUsedWithoutAWarningAndWritesTheTextLayout() {
            properties.setProperty("logback.configurationFile", example.toString());

            String out = printed(() -> {
                assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configure());
                context.getLogger("io.credwatch.Agent").info("credwatch serving");
                context.getLogger("org.eclipse.jetty.server.Server").info("Started");
            });

            assertTrue(context.getStatusManager().getCopyOfStatusList().stream().allMatch(s -> s.getLevel() == Status.INFO),
                    () -> "nothing for logback to print its status lines about: " + context.getStatusManager()
                            .getCopyOfStatusList().stream().filter(s -> s.getLevel() != Status.INFO).toList());
            assertTrue(out.matches("(?s).*\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  io\\.credwatch\\.Agent: "
                    + "credwatch serving\\R.*"), out);
            assertFalse(out.contains("Started"), "Jetty kept at WARN: " + out);
            assertEquals("", stderr());
        }

        @Test
        void itsJsonVariantWritesOneObjectALine() throws IOException {
            String text = Files.readString(example);
            int textStart = text.indexOf("  <appender name=\"console\"");
            int textEnd = text.indexOf("</appender>", textStart) + "</appender>".length();
            int jsonStart = text.indexOf("  <appender name=\"console\"", textEnd);
            String json = text.substring(jsonStart, text.indexOf("</appender>", jsonStart) + "</appender>".length());
            assertTrue(json.contains("JsonEncoder"), json);
            Path variant = Files.writeString(dir.resolve("json.xml"), text.substring(0, textStart) + json
                    + text.substring(textEnd));
            properties.setProperty("logback.configurationFile", variant.toString());

            String out = printed(() -> {
                assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configure());
                context.getLogger("io.credwatch.Agent").info("credwatch {} serving", "0.1.0");
            });

            JsonNode line = new ObjectMapper().readTree(out.lines().filter(l -> l.contains("serving")).findFirst()
                    .orElseThrow());
            assertEquals("credwatch 0.1.0 serving", line.get("formattedMessage").asText());
            assertEquals("io.credwatch.Agent", line.get("loggerName").asText());
            assertFalse(line.has("message") || line.has("arguments"), line::toString);
        }
    }
}
