package io.credwatch.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * SLF4J finds logback's own provider, and logback finds credwatch's configurators: with no
 * operator file, the context is what the built-in {@link LogSetup} makes of it.
 */
class LogbackStartTest {

    /**
     * logback's provider in a context of its own, as SLF4J starts it, away from the host's
     * /etc/credwatch: the built-in configuration, whatever the machine has.
     */
    static LoggerContext started() {
        String directory = System.getProperty(LogbackFileConfigurator.DIRECTORY_PROPERTY);
        System.setProperty(LogbackFileConfigurator.DIRECTORY_PROPERTY, "/nonexistent/credwatch-test");
        try {
            LogbackServiceProvider provider = new LogbackServiceProvider();
            provider.initialize();
            return (LoggerContext) provider.getLoggerFactory();
        } finally {
            if (directory == null) {
                System.clearProperty(LogbackFileConfigurator.DIRECTORY_PROPERTY);
            } else {
                System.setProperty(LogbackFileConfigurator.DIRECTORY_PROPERTY, directory);
            }
        }
    }

    @Test
    void slf4jUsesLogbacksProviderConfiguredByCredwatch() {
        LoggerContext context = assertInstanceOf(LoggerContext.class, LoggerFactory.getILoggerFactory());

        assertTrue(LogSetup.builtIn(context).isPresent(), "the built-in console appender");
        assertTrue(context.getTurboFilterList().stream().anyMatch(WireLogGuard.class::isInstance));
    }

    @Test
    void theContextIsStartedAndConfiguredByLogSetup() {
        LoggerContext context = started();

        assertEquals("default", context.getName());
        assertTrue(context.isStarted());
        assertTrue(LogSetup.builtIn(context).isPresent());
        assertEquals(Level.INFO, context.getLogger("io.credwatch").getLevel());
        assertEquals(Level.WARN, context.getLogger("org.eclipse.jetty").getLevel());
        assertTrue(context.getTurboFilterList().stream().anyMatch(WireLogGuard.class::isInstance));
        context.stop();
    }

    @Test
    void linesGoToStdoutInTheDaemonsLayout() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LoggerContext context = started();
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
