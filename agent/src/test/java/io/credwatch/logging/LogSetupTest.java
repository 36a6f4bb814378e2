package io.credwatch.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;

/** The configured level reaches credwatch's own loggers; libraries stop at INFO, where they log no request headers. */
class LogSetupTest {

    @Test
    void credwatchsOwnLoggersTakeAnyLevel() {
        assertEquals(Level.TRACE, LogSetup.capped("io.credwatch", Level.TRACE));
        assertEquals(Level.DEBUG, LogSetup.capped("io.credwatch.egress.EgressIpCheck", Level.DEBUG));
    }

    @Test
    void everyOtherLoggerGoesNoLowerThanInfo() {
        for (String logger : new String[] {"ROOT", "org.eclipse.jetty", "software.amazon.awssdk.request",
                "jdk.internal.httpclient.debug", "io.credwatchx"}) {
            assertEquals(Level.INFO, LogSetup.capped(logger, Level.DEBUG), logger);
            assertEquals(Level.INFO, LogSetup.capped(logger, Level.ALL), logger);
        }
    }

    @Test
    void quieterLevelsPassForEveryone() {
        assertEquals(Level.WARN, LogSetup.capped("org.eclipse.jetty", Level.WARN));
        assertEquals(Level.OFF, LogSetup.capped("ROOT", Level.OFF));
    }
}
