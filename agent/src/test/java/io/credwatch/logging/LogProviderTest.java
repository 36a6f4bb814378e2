package io.credwatch.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The daemon's provider must leave logback as logback's own provider plus LogSetup would. */
class LogProviderTest {

    @Test
    void theContextIsStartedAndConfiguredByLogSetup() {
        LogProvider provider = new LogProvider();
        provider.initialize();
        LoggerContext context = (LoggerContext) provider.getLoggerFactory();

        assertEquals("default", context.getName());
        assertTrue(context.isStarted());
        assertSame(provider.getMDCAdapter(), context.getMDCAdapter());
        assertTrue(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("console") != null);
        assertEquals(Level.INFO, context.getLogger("io.credwatch").getLevel());
        assertEquals(Level.WARN, context.getLogger("org.eclipse.jetty").getLevel());
        assertEquals(LogbackServiceProvider.REQUESTED_API_VERSION, provider.getRequestedApiVersion());
        context.stop();
    }

    @Test
    void linesGoToStdoutInTheDaemonsLayout() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LogProvider provider = new LogProvider();
            provider.initialize();
            LoggerContext context = (LoggerContext) provider.getLoggerFactory();
            context.getLogger("io.credwatch.egress.EgressIpCheck").info("egress IP {}", "203.0.113.7");
            context.getLogger("io.credwatch.egress.EgressIpCheck").debug("not at INFO");
            context.stop();
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);

        assertTrue(out.contains("egress.EgressIpCheck: egress IP 203.0.113.7"), out);
        assertFalse(out.contains("not at INFO"), out);
        assertFalse(out.contains("logback"), "no status lines: " + out);
    }
}
