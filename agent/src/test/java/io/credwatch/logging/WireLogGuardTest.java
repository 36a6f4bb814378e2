package io.credwatch.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the guard removes, refuses and holds back, so that no switch makes an HTTP client print a secret. */
class WireLogGuardTest {

    @Nested
    class JdkFlags {

        private final Properties properties = new Properties();
        private final Set<String> removed = new HashSet<>();

        @Test
        void everyWireLoggingFlagIsRemovedWhateverItsValue() {
            properties.setProperty("jdk.httpclient.HttpClient.log", "headers");
            properties.setProperty("jdk.internal.httpclient.debug", "true");
            properties.setProperty("jdk.internal.httpclient.hpack.debug", "");
            properties.setProperty("jdk.internal.httpclient.websocket.debug", "false");
            properties.setProperty("java.util.logging.config.file", "/etc/jul.properties");
            properties.setProperty("java.util.logging.config.class", "com.example.Jul");
            properties.setProperty("java.net.preferIPv4Stack", "true");

            assertEquals(Optional.empty(), WireLogGuard.disarmJdkFlags(properties, removed));

            assertEquals(Set.of("java.net.preferIPv4Stack"), properties.stringPropertyNames());
            assertEquals(List.of("-Djdk.httpclient.HttpClient.log (removed)", "-Djdk.internal.httpclient.debug (removed)",
                    "-Djdk.internal.httpclient.hpack.debug (removed)", "-Djdk.internal.httpclient.websocket.debug (removed)",
                    "-Djava.util.logging.config.file (removed)", "-Djava.util.logging.config.class (removed)"),
                    WireLogGuard.removedFlags(removed));
        }

        @Test
        void tlsDebuggingIsRefusedWithItsReason() {
            properties.setProperty("javax.net.debug", "ssl:record:plaintext");

            Optional<String> refusal = WireLogGuard.disarmJdkFlags(properties, removed);

            assertTrue(refusal.isPresent());
            assertTrue(refusal.get().startsWith("-Djavax.net.debug refused: TLS debugging would print request headers, "
                    + "which carry API secrets"), refusal.get());
            assertFalse(properties.containsKey("javax.net.debug"), "removed too, for a JVM that is not Main's");
        }

        @Test
        void anEmptyTlsDebugValueIsRefusedToo() {
            // Empty sends the same dumps to the System.Logger "javax.net.ssl" (sun.security.ssl.SSLLogger).
            properties.setProperty("javax.net.debug", "");

            assertTrue(WireLogGuard.disarmJdkFlags(properties, removed).isPresent());
        }

        @Test
        void withoutFlagsNothingIsRemovedOrSaid() {
            properties.setProperty("file.encoding", "UTF-8");

            assertEquals(Optional.empty(), WireLogGuard.disarmJdkFlags(properties, removed));
            assertEquals(List.of(), WireLogGuard.removedFlags(removed));
            assertEquals("UTF-8", properties.getProperty("file.encoding"));
        }
    }

    @Nested
    class Floors {

        @Test
        void credwatchsOwnLoggersHaveNone() {
            assertEquals(Level.ALL, WireLogGuard.floor("io.credwatch"));
            assertEquals(Level.ALL, WireLogGuard.floor("io.credwatch.exchange.AlpacaProbe"));
        }

        @Test
        void everyOtherLoggerIsHeldAtInfo() {
            for (String logger : List.of("ROOT", "org.eclipse.jetty.http.HttpParser", "software.amazon.awssdk.request",
                    "sun.net.www.protocol.http.HttpURLConnection", "javax.net.ssl", "jdk.internal.httpclient.debug",
                    "org.glassfish.jersey.server", "com.example.unknown", "io.credwatchx")) {
                assertEquals(Level.INFO, WireLogGuard.floor(logger), logger);
            }
        }

        @Test
        void loggersThatPrintSecretsAtInfoAreHeldAtWarn() {
            assertEquals(Level.WARN, WireLogGuard.floor("jdk.httpclient.HttpClient"));
            assertEquals(Level.WARN, WireLogGuard.floor("org.glassfish.jersey.logging.LoggingFeature"));
        }

        @Test
        void aNameThatOnlyBeginsLikeAListedOneIsNotIt() {
            assertEquals(Level.INFO, WireLogGuard.floor("jdk.httpclient.HttpClientX"));
        }

        @Test
        void levelsAskedForBelowTheFloorAreRaisedToIt() {
            assertEquals(Level.WARN, LogSetup.capped("jdk.httpclient.HttpClient", Level.INFO));
            assertEquals(Level.INFO, LogSetup.capped("org.eclipse.jetty", Level.TRACE));
            assertEquals(Level.TRACE, LogSetup.capped("io.credwatch.alert", Level.TRACE));
            assertEquals(Level.ERROR, LogSetup.capped("jdk.httpclient.HttpClient", Level.ERROR));
        }
    }

    /** The filter on a logger context set to log everything, as a logback file of an operator's might. */
    @Nested
    class TheTurboFilter {

        private final LoggerContext context = new LoggerContext();
        private final ListAppender<ILoggingEvent> seen = new ListAppender<>();

        @BeforeEach
        void everythingOn() {
            WireLogGuard.install(context);
            logEverything();
        }

        private void logEverything() {
            seen.setContext(context);
            seen.start();
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            root.addAppender(seen);
            root.setLevel(Level.ALL);
        }

        private List<String> messages() {
            return seen.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }

        @Test
        void holdsLibrariesAtTheirFloorWhateverTheirLevel() {
            context.getLogger("org.eclipse.jetty.http.HttpParser").setLevel(Level.TRACE);
            context.getLogger("org.eclipse.jetty.http.HttpParser").debug("Authorization: Bearer t0ken");
            context.getLogger("jdk.httpclient.HttpClient").setLevel(Level.ALL);
            context.getLogger("jdk.httpclient.HttpClient").info("HEADERS: APCA-API-SECRET-KEY: s3cret");
            context.getLogger("jdk.httpclient.HttpClient").warn("a warning");
            context.getLogger("org.eclipse.jetty.server.Server").info("Started");

            assertEquals(List.of("a warning", "Started"), messages());
        }

        @Test
        void letsCredwatchsOwnDebugThrough() {
            context.getLogger("io.credwatch.exchange.ExchangeCheck").trace("own trace");
            context.getLogger("io.credwatch").debug("own debug");

            assertEquals(List.of("own trace", "own debug"), messages());
        }

        @Test
        void answersIsEnabledQuestionsTheSameWay() {
            assertFalse(context.getLogger("org.eclipse.jetty").isDebugEnabled());
            assertFalse(context.getLogger("jdk.httpclient.HttpClient").isInfoEnabled());
            assertTrue(context.getLogger("io.credwatch.http").isDebugEnabled());
        }

        @Test
        void staysThroughAResetOfTheContext() {
            context.reset();
            logEverything();
            context.getLogger("jdk.httpclient.HttpClient").info("REQUEST: https://hooks.example/T0/B0/secret");

            assertEquals(List.of(), messages());
            assertEquals(1, context.getTurboFilterList().size());
        }

        @Test
        void isInstalledOnce() {
            WireLogGuard.install(context);

            assertEquals(1, context.getTurboFilterList().size());
        }
    }

    /** LogSetup with a level refused on the command line: one WARN line names it and says why. */
    @Test
    void aRefusedLevelPropertyIsSaidOnceAtStart() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        System.setProperty("credwatch.log.level.jdk.httpclient.HttpClient", "DEBUG");
        try {
            LoggerContext context = LogbackStartTest.started();
            assertEquals(Level.WARN, context.getLogger("jdk.httpclient.HttpClient").getLevel());
            context.stop();
        } finally {
            System.clearProperty("credwatch.log.level.jdk.httpclient.HttpClient");
            System.setOut(stdout);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains(WireLogGuard.REASON)).toList();

        assertEquals(1, lines.size(), captured::toString);
        assertTrue(lines.get(0).contains(" WARN  logging.WireLogGuard: refused "
                + "-Dcredwatch.log.level.jdk.httpclient.HttpClient=DEBUG (held at WARN): each would print request "
                + "headers, which carry API secrets"), lines.get(0));
    }
}
