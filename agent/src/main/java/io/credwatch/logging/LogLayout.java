package io.credwatch.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;

/**
 * One log line per event. Under systemd (stdout connected to the journal, which systemd
 * announces with {@code $JOURNAL_STREAM}) every line, stack-trace lines included, starts
 * with a {@code <N>} syslog priority that journald turns into the entry's level; journald
 * records time and process itself. On a terminal, a timestamp and level lead instead.
 */
public final class LogLayout extends LayoutBase<ILoggingEvent> {

    private final boolean journald;

    public LogLayout(boolean journald) {
        this.journald = journald;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        String head = head(event);
        StringBuilder sb = new StringBuilder(128);
        sb.append(head).append(shortName(event.getLoggerName())).append(": ").append(event.getFormattedMessage());
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            String trace = ThrowableProxyUtil.asString(thrown);
            for (String line : trace.split("\\R")) {
                sb.append(CoreConstants.LINE_SEPARATOR).append(journald ? head : "    ").append(line);
            }
        }
        return sb.append(CoreConstants.LINE_SEPARATOR).toString();
    }

    private String head(ILoggingEvent event) {
        if (journald) {
            return "<" + priority(event.getLevel()) + ">";
        }
        return Instant.ofEpochMilli(event.getTimeStamp()) + " " + padded(event.getLevel()) + " ";
    }

    /** syslog priorities: 3 err, 4 warning, 6 info, 7 debug. */
    static int priority(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> 3;
            case Level.WARN_INT -> 4;
            case Level.INFO_INT -> 6;
            default -> 7;
        };
    }

    private static String padded(Level level) {
        String s = level.toString();
        return s.length() >= 5 ? s : s + " ".repeat(5 - s.length());
    }

    /** {@code io.credwatch.egress.EgressIpCheck} → {@code egress.EgressIpCheck}: enough to find it, short in the journal. */
    static String shortName(String logger) {
        return logger.startsWith("io.credwatch.") ? logger.substring("io.credwatch.".length()) : logger;
    }
}
