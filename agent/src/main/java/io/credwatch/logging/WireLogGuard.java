package io.credwatch.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.LogManager;
import org.slf4j.Marker;

/**
 * Keeps the HTTP clients from printing what they send (issue 21): request headers carry
 * Alpaca's {@code APCA-API-SECRET-KEY}, every exchange's API key, AWS's session token and key
 * id, and the bearer token of credwatch's own API; a webhook's URL carries its secret in its
 * path. The clients print them when an operator asks in one of three ways, each handled here:
 * <ul>
 *   <li>a JDK flag ({@link #FLAGS}): removed from the system properties at the very start of
 *       {@code main}, before any client class has read it; {@code javax.net.debug}, which the
 *       JDK may have read before {@code main}, is refused instead;
 *   <li>a {@code java.util.logging} configuration file, whose handlers print before logback
 *       sees a record: removed, and whatever it set up emptied;
 *   <li>a log level, from the configuration or {@code credwatch.log.level.*}: every logger
 *       outside credwatch is held at {@link #floor} by this class as a logback
 *       {@link TurboFilter}, which {@link #install} keeps on the context whatever configures it.
 * </ul>
 * Facts below are from OpenJDK 17 (the classes named, read with {@code javap}) and were seen
 * leaking by {@code WireLoggingCanaryTest}.
 */
public final class WireLogGuard extends TurboFilter implements LoggerContextListener {

    static final String REASON = "would print request headers, which carry API secrets";
    private static final String OWN = "io.credwatch";
    private static final String TLS_DEBUG = "javax.net.debug";

    /** Each is read once, by a static initializer, when the class named first loads. */
    static final List<String> FLAGS = List.of(
            // jdk.internal.net.http.common.Log: any value (errors, requests, headers, content,
            // frames, ssl, trace, channel, all) logs request lines and headers at INFO, to the
            // System.Logger "jdk.httpclient.HttpClient".
            "jdk.httpclient.HttpClient.log",
            // jdk.internal.net.http.common.Utils.DEBUG: the client's DebugLogger writes every
            // request, URL and headers included, straight to stderr.
            "jdk.internal.httpclient.debug",
            // Utils.DEBUG_HPACK: the HTTP/2 header codec writes each header's name and value to stderr.
            "jdk.internal.httpclient.hpack.debug",
            // Utils.DEBUG_WS: the WebSocket client's handshake and frames; credwatch opens none today.
            "jdk.internal.httpclient.websocket.debug",
            // sun.security.ssl.SSLLogger: "all" (or "ssl:record:plaintext") dumps every TLS record
            // before encryption, request line and headers in the dump's text column, to stderr.
            TLS_DEBUG,
            // java.util.logging.LogManager: handlers named in the file print records before
            // logback's levels apply; HttpURLConnection, the AWS SDK's client here
            // (url-connection-client in agent/pom.xml), logs every request header at FINE.
            "java.util.logging.config.file",
            "java.util.logging.config.class");

    /**
     * The lowest level each library logger may log at. Everything outside credwatch is held at
     * INFO: below it, the loggers listed here print secrets. Those that print them at INFO are
     * held at WARN.
     */
    static final Map<String, Level> FLOORS = Map.of(
            // HttpParser logs every header it parses, value and all, at DEBUG: our own bearer token.
            "org.eclipse.jetty", Level.INFO,
            // DefaultV4RequestSigner logs the canonical request, session token included, at DEBUG.
            "software.amazon.awssdk", Level.INFO,
            // FINE: every request header, Authorization (key id) and X-Amz-Security-Token.
            "sun.net.www.protocol.http.HttpURLConnection", Level.INFO,
            // the TLS debug log when javax.net.debug is empty: plaintext records at DEBUG.
            "javax.net.ssl", Level.INFO,
            // the DebugLoggers' System.Loggers (jdk.internal.httpclient.debug, .hpack.debug,
            // .websocket.debug): requests and headers at DEBUG.
            "jdk.internal.httpclient", Level.INFO,
            // jdk.httpclient.HttpClient.log's output, request lines and headers, comes at INFO.
            "jdk.httpclient.HttpClient", Level.WARN,
            // Jersey's LoggingFeature logs requests with their headers (Authorization alone redacted)
            // at the level it is given, INFO if asked. credwatch registers none and HttpApi turns
            // auto-discovery off; this holds should either change.
            "org.glassfish.jersey.logging", Level.WARN);

    /**
     * The flags removed so far. Static because the system properties it records are the JVM's:
     * main removes them before logging exists, and LogSetup reports them once it does.
     */
    private static final Set<String> REMOVED = ConcurrentHashMap.newKeySet();

    /**
     * Removes every flag of {@link #FLAGS} from {@code properties}; call it before any HTTP client
     * or TLS class loads. Empty, or why the JVM must not go on: {@code javax.net.debug} is read
     * when the TLS classes load, which remote JMX over TLS does before {@code main}, so removing
     * it may come too late.
     */
    public static Optional<String> disarmJdkFlags(Properties properties) {
        return disarmJdkFlags(properties, REMOVED);
    }

    static Optional<String> disarmJdkFlags(Properties properties, Set<String> removed) {
        boolean tlsDebug = false;
        for (String flag : FLAGS) {
            if (properties.remove(flag) != null) {
                removed.add(flag);
                tlsDebug |= flag.equals(TLS_DEBUG);
            }
        }
        return tlsDebug ? Optional.of("-D" + TLS_DEBUG + " refused: TLS debugging " + REASON + ", and the JDK may "
                + "have read it before credwatch could remove it; take it out of CREDWATCH_JAVA_OPTS") : Optional.empty();
    }

    /** The flags removed from the system properties, as {@link #refusal} lists them. */
    static List<String> removedFlags() {
        return removedFlags(REMOVED);
    }

    static List<String> removedFlags(Set<String> removed) {
        return FLAGS.stream().filter(removed::contains).map(flag -> "-D" + flag + " (removed)").toList();
    }

    /**
     * Drops the handlers and levels a java.util.logging file set up, if one was given: the JDK
     * may have read it before main removed the flag. Before the JUL bridge is installed.
     */
    static void emptyJulConfiguration() {
        if (REMOVED.contains("java.util.logging.config.file") || REMOVED.contains("java.util.logging.config.class")) {
            LogManager.getLogManager().reset();
        }
    }

    /** The lowest level {@code logger} may log at: anything for credwatch's own, else its floor. */
    static Level floor(String logger) {
        if (within(logger, OWN)) {
            return Level.ALL;
        }
        Level floor = Level.INFO;
        int longest = -1;
        for (Map.Entry<String, Level> e : FLOORS.entrySet()) {
            if (e.getKey().length() > longest && within(logger, e.getKey())) {
                floor = e.getValue();
                longest = e.getKey().length();
            }
        }
        return floor;
    }

    /** {@code logger} is {@code name} or below it; without building a string, since every log call asks. */
    private static boolean within(String logger, String name) {
        return logger.startsWith(name) && (logger.length() == name.length() || logger.charAt(name.length()) == '.');
    }

    /** The one line that says what was refused; a setting reads e.g. {@code logging.levels.org.eclipse.jetty: DEBUG (held at INFO)}. */
    static String refusal(List<String> settings) {
        return "refused " + String.join(", ", settings) + ": each " + REASON;
    }

    /**
     * Adds the guard to {@code context} unless it is there, and keeps it there through a reset,
     * which drops every turbo filter: a configuration read later, from any file, cannot lose it.
     */
    public static void install(LoggerContext context) {
        if (context.getTurboFilterList().stream().anyMatch(WireLogGuard.class::isInstance)) {
            return;
        }
        WireLogGuard guard = new WireLogGuard();
        guard.setContext(context);
        guard.setName("wire-log-guard");
        guard.start();
        context.addTurboFilter(guard);
        context.addListener(guard);
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (level.isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
        }
        return level.isGreaterOrEqual(floor(logger.getName())) ? FilterReply.NEUTRAL : FilterReply.DENY;
    }

    @Override
    public boolean isResetResistant() {
        return true;
    }

    @Override
    public void onReset(LoggerContext context) {
        context.addTurboFilter(this);
    }

    @Override
    public void onStart(LoggerContext context) {
    }

    @Override
    public void onStop(LoggerContext context) {
    }

    @Override
    public void onLevelChange(Logger logger, Level level) {
    }
}
