package io.credwatch.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The built-in console appender's two formats: the text layout, and one JSON object a line. */
class ConsoleEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("io.credwatch.egress.EgressIpCheck");

    ConsoleEncoderTest() {
        // As logback's provider gives it one: the JSON encoder reads each event's MDC.
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    private ConsoleEncoder encoder(boolean journald, boolean json) {
        ConsoleEncoder encoder = new ConsoleEncoder(journald);
        encoder.setContext(context);
        encoder.start();
        encoder.useJson(json);
        return encoder;
    }

    private LoggingEvent event(Level level, String message, Object argument, Throwable thrown) {
        return new LoggingEvent(Logger.class.getName(), logger, level, message, thrown, new Object[] {argument});
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Nested
    class Text {

        @Test
        void isTheLayoutsLine() {
            String line = text(encoder(false, false).encode(event(Level.WARN, "egress IP {}", "203.0.113.7", null)));

            assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z WARN  egress\\.EgressIpCheck: egress IP 203\\.0\\.113\\.7\\R"),
                    line);
        }

        @Test
        void underJournaldStartsWithThePriority() {
            String line = text(encoder(true, false).encode(event(Level.ERROR, "egress IP {}", "203.0.113.7", null)));

            assertEquals("<3>egress.EgressIpCheck: egress IP 203.0.113.7" + System.lineSeparator(), line);
        }
    }

    @Nested
    class Json {

        @Test
        void isOneObjectALineWithTheFormattedMessage() throws Exception {
            String line = text(encoder(false, true).encode(event(Level.INFO, "egress IP {}", "203.0.113.7", null)));

            assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, line);
            JsonNode object = JSON.readTree(line);
            assertEquals("INFO", object.get("level").asText());
            assertEquals("io.credwatch.egress.EgressIpCheck", object.get("loggerName").asText());
            assertEquals("egress IP 203.0.113.7", object.get("formattedMessage").asText());
            assertTrue(object.get("timestamp").isNumber(), line);
            assertTrue(!object.has("message") && !object.has("arguments") && !object.has("sequenceNumber"),
                    "the message once, formatted: " + line);
        }

        @Test
        void keepsAStackTraceInItsOneLine() throws Exception {
            String line = text(encoder(false, true).encode(event(Level.WARN, "failed", null,
                    new IllegalStateException("no route"))));

            assertEquals(line.length() - 1, line.indexOf('\n'), line);
            JsonNode thrown = JSON.readTree(line).get("throwable");
            assertEquals("java.lang.IllegalStateException", thrown.get("className").asText());
            assertEquals("no route", thrown.get("message").asText());
        }

        @Test
        void underJournaldThePriorityPrecedesTheObject() throws Exception {
            String line = text(encoder(true, true).encode(event(Level.WARN, "egress IP {}", "203.0.113.7", null)));

            assertTrue(line.startsWith("<4>{"), line);
            assertEquals("egress IP 203.0.113.7", JSON.readTree(line.substring(3)).get("formattedMessage").asText());
        }
    }

    @Test
    void switchesFormatWhileInUse() throws Exception {
        ConsoleEncoder encoder = encoder(false, false);
        LoggingEvent event = event(Level.INFO, "egress IP {}", "203.0.113.7", null);

        encoder.useJson(true);
        assertEquals("INFO", JSON.readTree(encoder.encode(event)).get("level").asText());
        encoder.useJson(false);
        assertTrue(text(encoder.encode(event)).contains(" INFO  egress.EgressIpCheck: egress IP 203.0.113.7"));
    }
}
