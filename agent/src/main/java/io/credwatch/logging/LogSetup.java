package io.credwatch.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * credwatch's built-in logging, in code: the last of its two logback configurators, which logback
 * finds through {@code ServiceLoader} and runs by {@link ConfiguratorRank}. It runs when
 * {@link LogbackFileConfigurator}, ranked above it, found no operator file or refused a broken
 * one. The daemon logs to stdout (journald), in {@link LogLayout}'s lines or JSON
 * ({@code logging.format}); one-shot commands log warnings to stderr so that their stdout stays
 * clean for scripts.
 *
 * <p>System properties: {@code credwatch.log.target} ({@code stdout}|{@code stderr}),
 * {@code credwatch.log.level}, and {@code credwatch.log.level.<logger>} per package.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    public static final String TARGET_PROPERTY = "credwatch.log.target";
    public static final String LEVEL_PROPERTY = "credwatch.log.level";
    static final String APPENDER = "console";
    private static final String OWN = "io.credwatch";

    private static final Map<String, Level> QUIET = Map.of(
            "org.eclipse.jetty", Level.WARN,
            // Both warn once per bad request, quoting it (a bad Host or port, a repeated Host), and in
            // Jetty 12.1 of nothing else: the HTTP face counts those refusals itself (http/ClientMistakes).
            "org.eclipse.jetty.util.HostPort", Level.ERROR,
            "org.eclipse.jetty.http.HttpParser", Level.ERROR,
            "org.glassfish", Level.WARN,
            // Warns on every start that resource instances are "not providers" (eclipse-ee4j/jersey#3700).
            "org.glassfish.jersey.internal.inject.Providers", Level.ERROR,
            // Warns on the first request to Jersey that jakarta.activation is absent, for a DataSource
            // body writer that no answer of credwatch uses; left out on purpose (agent/pom.xml).
            "org.glassfish.jersey.message.internal.MessagingBinders", Level.ERROR,
            "software.amazon.awssdk", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        boolean toStderr = oneShot();
        boolean journald = !toStderr && System.getenv("JOURNAL_STREAM") != null;
        prepare(context);

        ConsoleEncoder encoder = new ConsoleEncoder(journald);
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setTarget(toStderr ? "System.err" : "System.out");
        appender.setEncoder(encoder);
        appender.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        setOwnLevel(context, Level.toLevel(System.getProperty(LEVEL_PROPERTY), toStderr ? Level.WARN : Level.INFO));
        QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
        List<String> refused = new ArrayList<>(WireLogGuard.removedFlags());
        String prefix = LEVEL_PROPERTY + ".";
        for (String key : new TreeSet<>(System.getProperties().stringPropertyNames())) {
            if (key.startsWith(prefix)) {
                String name = key.substring(prefix.length());
                setCapped(context, name, Level.toLevel(System.getProperty(key)), "-D" + key + "=", refused);
            }
        }
        if (!refused.isEmpty()) {
            context.getLogger(WireLogGuard.class).warn(WireLogGuard.refusal(refused));
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** A one-shot command, whose stdout is its answer: Main says so before the first logger exists. */
    static boolean oneShot() {
        return "stderr".equals(System.getProperty(TARGET_PROPERTY));
    }

    /**
     * What holds under any configuration, set before it is read: the wire-logging guard, and the
     * JUL levels following logback's, so that JUL loggers (Jersey, HK2) log what logback would keep.
     */
    static void prepare(LoggerContext context) {
        // Main has done so before any HTTP client existed; again here for a JVM that is not Main's.
        WireLogGuard.disarmJdkFlags(System.getProperties());
        WireLogGuard.emptyJulConfiguration();
        WireLogGuard.install(context);
        LevelChangePropagator propagator = new LevelChangePropagator();
        propagator.setContext(context);
        propagator.setResetJUL(true);
        context.addListener(propagator);
    }

    /** Sets {@code name} to {@code wanted} or its floor; a refusal is added to {@code refused} as {@code setting}. */
    private static void setCapped(LoggerContext context, String name, Level wanted, String setting, List<String> refused) {
        Level set = capped(name, wanted);
        context.getLogger(name).setLevel(set);
        if (set != wanted) {
            refused.add(setting + wanted + " (held at " + set + ")");
        }
    }

    /**
     * The configured level is credwatch's own. Everything else (the root, hence every library
     * and, through the JUL bridge, the JDK's HTTP client, RMI and JMX) follows it only down
     * to its floor in {@link WireLogGuard}: below that, libraries print request headers and
     * URLs, and none of them knows what is secret. The guard's turbo filter holds them there
     * whatever their level; the levels follow so that the warning says what was refused.
     */
    private static void setOwnLevel(LoggerContext context, Level level) {
        context.getLogger(OWN).setLevel(level);
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(capped(Logger.ROOT_LOGGER_NAME, level));
    }

    /** {@code wanted}, except that a logger outside credwatch goes no lower than its floor. */
    static Level capped(String logger, Level wanted) {
        Level floor = WireLogGuard.floor(logger);
        return wanted.isGreaterOrEqual(floor) ? wanted : floor;
    }

    /** Routes java.util.logging (Jersey, HK2) into logback. */
    public static void bridgeJul() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /**
     * Applies the configuration file's levels and format to the built-in logging; system
     * properties given on the command line still win. An operator's logback file, when one is in
     * use, decides all of it instead: one line says which of these settings were left aside.
     */
    public static void apply(String rootLevel, Map<String, String> levels, boolean json) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Optional<ConsoleEncoder> builtIn = builtIn(context);
        if (builtIn.isEmpty()) {
            List<String> settings = new ArrayList<>();
            if (!"INFO".equalsIgnoreCase(rootLevel)) {
                settings.add("logging.level");
            }
            if (!levels.isEmpty()) {
                settings.add("logging.levels");
            }
            if (json) {
                settings.add("logging.format");
            }
            LogbackFileConfigurator.leftAside(context, settings);
            return;
        }
        builtIn.get().useJson(json);
        if (System.getProperty(LEVEL_PROPERTY) == null && !oneShot()) {
            setOwnLevel(context, Level.toLevel(rootLevel, Level.INFO));
        }
        List<String> refused = new ArrayList<>();
        new TreeMap<>(levels).forEach((name, level) -> {
            if (System.getProperty(LEVEL_PROPERTY + "." + name) == null) {
                setCapped(context, name, Level.toLevel(level, Level.INFO), "logging.levels." + name + ": ", refused);
            }
        });
        if (!refused.isEmpty()) {
            LoggerFactory.getLogger(WireLogGuard.class).warn(WireLogGuard.refusal(refused));
        }
    }

    /** The built-in console appender's encoder, present exactly when this class configured the context. */
    static Optional<ConsoleEncoder> builtIn(LoggerContext context) {
        return context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(APPENDER) instanceof OutputStreamAppender<?> console
                && console.getEncoder() instanceof ConsoleEncoder encoder ? Optional.of(encoder) : Optional.empty();
    }
}
