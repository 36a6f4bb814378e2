package io.credwatch.logging;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusManager;
import ch.qos.logback.core.util.Loader;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.xml.sax.SAXParseException;

/**
 * An operator's logback file, read by logback's own {@link JoranConfigurator}:
 * {@code -Dlogback.configurationFile} (for every command, as logback itself reads it), else, for
 * the daemon only, {@code logback.xml} in {@code /etc/credwatch} ({@code -Dcredwatch.logback.dir}
 * names another directory). One-shot commands leave that file aside: their stdout is an answer
 * scripts parse, and a daemon's appender writing there would corrupt it.
 *
 * <p>Ranked above {@link LogSetup}, the built-in default, which logback runs next when there is no
 * file or when the file is broken. A broken file is one line on stderr naming the file and the
 * problem, rather than logback's status dump, and the daemon goes on with the built-in default.
 *
 * <p>The file decides appenders, encoders and levels; {@link WireLogGuard}, installed before the
 * file is read, holds the libraries' loggers at their floors whatever it says.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_TOP_PRIORITY)
public final class LogbackFileConfigurator extends ContextAwareBase implements Configurator {

    public static final String DIRECTORY_PROPERTY = "credwatch.logback.dir";
    static final String DEFAULT_DIRECTORY = "/etc/credwatch";
    static final String FILE_NAME = "logback.xml";
    /** The context's note of the file in use, for the line that says which settings it overrides. */
    private static final String IN_USE = "credwatch.logback.file";

    private final Properties properties;
    private final PrintStream err;

    /** As logback's {@code ServiceLoader} makes it. */
    public LogbackFileConfigurator() {
        this(System.getProperties(), System.err);
    }

    LogbackFileConfigurator(Properties properties, PrintStream err) {
        this.properties = properties;
        this.err = err;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Optional<String> named = named();
        if (named.isEmpty()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        String file = named.get();
        LogSetup.prepare(context);
        Optional<String> problem = read(context, file);
        if (problem.isPresent()) {
            err.println("credwatch: logback configuration " + file + ": " + problem.get() + "; using the built-in default");
            // Said once, above; logback's status dump would say it again, at length.
            context.reset();
            context.getStatusManager().clear();
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        context.putObject(IN_USE, file);
        // A file may set system properties (<property scope="system">): a flag that makes an
        // HTTP client print its requests goes as it would from the command line.
        Set<String> setByTheFile = new HashSet<>();
        WireLogGuard.disarmJdkFlags(System.getProperties(), setByTheFile);
        Set<String> refused = new LinkedHashSet<>(WireLogGuard.removedFlags());
        refused.addAll(WireLogGuard.removedFlags(setByTheFile));
        refused.addAll(belowTheirFloors(context, file));
        context.getLogger(LogbackFileConfigurator.class).info("logging configured by {}", file);
        if (!refused.isEmpty()) {
            context.getLogger(WireLogGuard.class).warn(WireLogGuard.refusal(List.copyOf(refused)));
        }
        List<String> ignored = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (key.equals(LogSetup.LEVEL_PROPERTY) || key.startsWith(LogSetup.LEVEL_PROPERTY + ".")) {
                ignored.add("-D" + key);
            }
        }
        leftAside(context, ignored);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The file asked for, if any; whether it exists is for {@link #read} to say. */
    Optional<String> named() {
        String property = properties.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Optional.of(property.trim());
        }
        if ("stderr".equals(properties.getProperty(LogSetup.TARGET_PROPERTY))) {
            return Optional.empty();
        }
        return path(properties.getProperty(DIRECTORY_PROPERTY, DEFAULT_DIRECTORY)).map(d -> d.resolve(FILE_NAME))
                .filter(Files::exists).map(Path::toString);
    }

    /** Empty for what cannot be a path (a NUL in it): a configurator that throws leaves logback with no appender. */
    private static Optional<Path> path(String name) {
        try {
            return Optional.of(Path.of(name));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Configures {@code context} from {@code file}; empty, or the first problem met, in one line. */
    private Optional<String> read(LoggerContext context, String file) {
        Optional<URL> url = locate(file);
        if (url.isEmpty()) {
            return Optional.of(path(file).filter(Files::isDirectory).isPresent() ? "a directory, not a file" : "no such file");
        }
        StatusManager statuses = context.getStatusManager();
        int before = statuses.getCount();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        try {
            joran.doConfigure(url.get());
        } catch (JoranException e) {
            // The parser's own words say where and what; logback's statuses say it in two lines more.
            if (e.getCause() instanceof SAXParseException xml) {
                return Optional.of(oneLine("line " + xml.getLineNumber() + ", column " + xml.getColumnNumber() + ": "
                        + xml.getMessage()));
            }
        } catch (RuntimeException e) {
            return Optional.of(oneLine(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        // An error of logback's (a class it cannot load, a file it cannot open) is one it configured
        // around: whatever else the file set up holds without it. Its warnings (an unknown
        // property, an appender never referenced) leave the file working, and are logback's to print.
        return statuses.getCopyOfStatusList().stream().skip(before).filter(s -> s.getLevel() == Status.ERROR)
                .findFirst().map(LogbackFileConfigurator::describe);
    }

    /** As logback reads its property: a URL, else a class-path resource, else a file. */
    private Optional<URL> locate(String named) {
        try {
            URI uri = new URI(named);
            // A scheme of one letter would be a Windows drive; credwatch runs on Linux, but a path is never a URL.
            if (uri.getScheme() != null && uri.getScheme().length() > 1) {
                return Optional.of(uri.toURL());
            }
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            // not a URL: a resource or a path
        }
        URL resource = Loader.getResource(named, LogbackFileConfigurator.class.getClassLoader());
        if (resource != null) {
            return Optional.of(resource);
        }
        Optional<Path> path = path(named).filter(Files::isRegularFile);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(path.get().toUri().toURL());
        } catch (MalformedURLException e) {
            return Optional.empty();
        }
    }

    /** A status and the kind of its innermost cause (a class not found, a file not readable), on one line. */
    private static String describe(Status status) {
        String text = oneLine(status.getMessage());
        Throwable cause = status.getThrowable();
        while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause != null) {
            String detail = cause.getMessage() == null || text.contains(cause.getMessage()) ? "" : ": " + cause.getMessage();
            text += " (" + cause.getClass().getSimpleName() + detail + ")";
        }
        return oneLine(text);
    }

    /** On one line, without a closing full stop: the complaint goes on after it. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip().replaceAll("\\.+$", "");
    }

    /** Each logger the file sets below its floor, as the guard's refusal lists it; the guard holds them there. */
    private static List<String> belowTheirFloors(LoggerContext context, String file) {
        List<String> held = new ArrayList<>();
        for (Logger logger : context.getLoggerList()) {
            Level level = logger.getLevel();
            if (level != null) {
                Level floor = LogSetup.capped(logger.getName(), level);
                if (floor != level) {
                    held.add(file + " logger " + logger.getName() + ": " + level + " (held at " + floor + ")");
                }
            }
        }
        return held;
    }

    /**
     * One line naming credwatch's own logging settings that a logback file overrides, if any:
     * the file decides appenders, encoders and levels.
     */
    static void leftAside(LoggerContext context, List<String> settings) {
        if (!settings.isEmpty()) {
            Object file = context.getObject(IN_USE);
            context.getLogger(LogbackFileConfigurator.class).warn("{} not applied: logging is configured by {}",
                    String.join(", ", settings), file == null ? "a logback file" : file);
        }
    }
}
