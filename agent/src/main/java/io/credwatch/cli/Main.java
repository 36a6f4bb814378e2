package io.credwatch.cli;

import io.credwatch.Agent;
import io.credwatch.check.CheckReport;
import io.credwatch.check.Status;
import io.credwatch.config.ConfigException;
import io.credwatch.credential.CredentialFingerprint;
import io.credwatch.credential.FingerprintReport;
import io.credwatch.config.ConfigLoader;
import io.credwatch.config.CredwatchConfig;
import io.credwatch.config.LoadedConfig;
import io.credwatch.http.CannotListen;
import io.credwatch.http.HttpApi;
import io.credwatch.http.JsonMapper;
import io.credwatch.info.BuildInfo;
import io.credwatch.logging.LogProvider;
import io.credwatch.logging.LogSetup;
import io.credwatch.logging.WireLogGuard;
import io.credwatch.secrets.IgnoreList;
import io.credwatch.secrets.PlaintextScanner;
import io.credwatch.secrets.ScanReport;
import io.credwatch.secrets.ScanRule;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** {@code credwatch <command>}: see {@link #USAGE}. */
public final class Main {

    static final String USAGE = """
            usage: credwatch <command> [options]
              run      [--config FILE]                        the daemon: checks on schedule, HTTP and JMX
              check    [--config FILE] [--only ID]... [--json] run the checks once; exit 0 OK, 1 WARN, 2 CRITICAL, 3 UNKNOWN
              fingerprint [--config FILE] [--json]                safe fingerprint of each exchange account's key, where it
                                                      came from; exit 0, 2 when one is missing or unexpected
              scan     [--ignore GLOB[#RULE]]... PATH...      plaintext secrets in files and directories, one line each,
                                                      values masked; exit 0 none, 2 findings
              validate [--config FILE]                        check a configuration; exit 0 valid, 78 invalid
              version                                         version and build time
            The configuration is --config, else $CREDWATCH_CONFIG, else /etc/credwatch/credwatch.yaml,
            else built-in defaults.""";

    private final Map<String, String> env;
    private final ConfigLoader loader;
    private final PrintStream out;
    private final PrintStream err;

    Main(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = Map.copyOf(env);
        this.loader = new ConfigLoader(env);
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        // First, before any HTTP client or TLS class reads them: flags that print request headers.
        WireLogGuard.disarmJdkFlags(System.getProperties()).ifPresent(refusal -> {
            System.err.println("credwatch: " + refusal);
            System.exit(ExitCodes.CONFIG);
        });
        // SLF4J would otherwise search the jar's services for a logging provider (about 20 ms of
        // start-up in this 28 000-entry jar); there is one, and saying so is not news.
        System.getProperties().putIfAbsent("slf4j.provider", LogProvider.class.getName());
        System.getProperties().putIfAbsent("slf4j.internal.verbosity", "WARN");
        preferCompactLocaleData(System.getProperties(), Runtime.version().feature());
        int code = new Main(System.getenv(), System.out, System.err).execute(args);
        System.out.flush();
        System.exit(code);
    }

    /**
     * Jetty builds its MIME table with every locale the JDK knows, on the way to listening:
     * with the JDK's default CLDR data some 1 000 of them, 50 to 80 ms of a 550 ms start
     * (interleaved starts, README "Performance"). credwatch formats nothing by locale ({@code Locale.ROOT} and ISO-8601
     * throughout), so the JDK's older, smaller locale data serve as well. Those are deprecated
     * from JDK 21 (a warning at every start) and gone in 23, so only before 21; a host that
     * sets {@code java.locale.providers} itself keeps its choice.
     */
    static void preferCompactLocaleData(Properties properties, int javaFeatureVersion) {
        if (javaFeatureVersion < 21) {
            properties.putIfAbsent("java.locale.providers", "COMPAT");
        }
    }

    int execute(String[] args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (Arguments.UsageException e) {
            err.println("credwatch: " + e.getMessage());
            err.println(USAGE);
            return ExitCodes.USAGE;
        }
        // Before the first logger exists: only the daemon logs to stdout.
        if (!arguments.command().equals("run")) {
            System.setProperty(LogSetup.TARGET_PROPERTY, "stderr");
        }
        return switch (arguments.command()) {
            case "help" -> {
                out.println(USAGE);
                yield ExitCodes.OK;
            }
            case "version" -> version();
            case "validate" -> validate(arguments);
            case "check" -> check(arguments);
            case "fingerprint" -> fingerprint(arguments);
            case "scan" -> scan(arguments);
            case "run" -> run(arguments);
            default -> ExitCodes.USAGE;
        };
    }

    private int version() {
        BuildInfo build = BuildInfo.load();
        out.println("credwatch " + build.version() + " (built " + build.buildTime() + ", Java "
                + Runtime.version() + ")");
        return ExitCodes.OK;
    }

    /** The configuration, or empty after one line on stderr naming the file and the field. */
    private Optional<LoadedConfig> load(Arguments arguments) {
        try {
            return Optional.of(loader.load(arguments.config()));
        } catch (ConfigException e) {
            String where = loader.locate(arguments.config()).map(p -> " " + p).orElse("");
            err.println("credwatch: invalid configuration" + where + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private int validate(Arguments arguments) {
        Optional<LoadedConfig> loaded = load(arguments);
        if (loaded.isEmpty()) {
            return ExitCodes.CONFIG;
        }
        CredwatchConfig c = loaded.get().config();
        out.println("configuration valid: " + loaded.get().describeSource() + " (environment "
                + c.agent().environment().label() + ", context " + c.agent().executionContext() + ", "
                + c.exchanges().size() + " exchange accounts)");
        return ExitCodes.OK;
    }

    private int check(Arguments arguments) {
        Optional<LoadedConfig> loaded = load(arguments);
        if (loaded.isEmpty()) {
            return ExitCodes.CONFIG;
        }
        LogSetup.bridgeJul();
        Optional<Agent> built = build(() -> Agent.oneShot(loaded.get(), loader, env, Clock.systemUTC()), arguments);
        if (built.isEmpty()) {
            return ExitCodes.CONFIG;
        }
        try (Agent agent = built.get()) {
            for (String id : arguments.only()) {
                if (!agent.checkIds().contains(id)) {
                    err.println("credwatch: no check '" + id + "'; configured: " + String.join(", ", agent.checkIds()));
                    return ExitCodes.USAGE;
                }
            }
            List<CheckReport> reports = agent.runOnce(arguments.only());
            if (arguments.json()) {
                out.println(JsonMapper.create().writerWithDefaultPrettyPrinter().writeValueAsString(reports));
            } else {
                out.print(ReportTable.render(reports));
            }
            return Status.worst(reports.stream().map(CheckReport::status).toList()).exitCode();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            err.println("credwatch: cannot write the results as JSON: " + e.getClass().getSimpleName());
            return ExitCodes.SOFTWARE;
        }
    }

    /** One line (or JSON object) per account, in configuration order and without times: {@code diff}-able across hosts. */
    private int fingerprint(Arguments arguments) {
        Optional<LoadedConfig> loaded = load(arguments);
        if (loaded.isEmpty()) {
            return ExitCodes.CONFIG;
        }
        LogSetup.bridgeJul();
        List<CredentialFingerprint> fingerprints;
        try {
            fingerprints = Agent.fingerprintsOnce(loaded.get().config(), env, Clock.systemUTC());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.SOFTWARE;
        }
        if (arguments.json()) {
            try {
                out.println(JsonMapper.create().writerWithDefaultPrettyPrinter().writeValueAsString(fingerprints));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                err.println("credwatch: cannot write the fingerprints as JSON: " + e.getClass().getSimpleName());
                return ExitCodes.SOFTWARE;
            }
        } else {
            FingerprintReport.lines(fingerprints).forEach(out::println);
        }
        if (fingerprints.isEmpty()) {
            err.println("credwatch: no exchange accounts configured");
        }
        return fingerprints.stream().allMatch(CredentialFingerprint::ok) ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    /** Findings on stdout, one a line; files it could not read or parse on stderr, never fatal. */
    private int scan(Arguments arguments) {
        IgnoreList ignore;
        try {
            ignore = IgnoreList.parse(arguments.ignore());
        } catch (IllegalArgumentException e) {
            err.println("credwatch: --ignore " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (!ignore.unknownRules().isEmpty()) {
            err.println("credwatch: --ignore names no rule '" + ignore.unknownRules().get(0) + "'; one of "
                    + Arrays.stream(ScanRule.values()).map(ScanRule::id).collect(Collectors.joining(", ")));
            return ExitCodes.USAGE;
        }
        ScanReport report = new PlaintextScanner(ignore)
                .scan(arguments.operands().stream().map(Path::of).toList(), () -> false);
        report.findings().forEach(f -> out.println(f.format()));
        report.problems().forEach(p -> err.println("credwatch: " + p.format()));
        err.println("credwatch: " + report.findings().size() + " finding" + (report.findings().size() == 1 ? "" : "s")
                + " in " + report.files().size() + " of " + report.filesScanned() + " files scanned");
        return report.findings().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private int run(Arguments arguments) {
        // Reading the configuration takes a fifth of a second on one core; on the second, build
        // what comes next: logging, the HTTP server's classes, then the platform MBean server
        // (over a tenth of a second), which the JMX exporter needs.
        CountDownLatch logging = new CountDownLatch(1);
        Thread preload = new Thread(() -> {
            try {
                LoggerFactory.getILoggerFactory();
            } finally {
                logging.countDown();
            }
            HttpApi.preload();
            ManagementFactory.getPlatformMBeanServer();
        }, "credwatch-preload");
        preload.setDaemon(true);
        preload.start();
        Optional<LoadedConfig> loaded = load(arguments);
        if (loaded.isEmpty()) {
            return ExitCodes.CONFIG;
        }
        // No logger on this thread before logging is set up. SLF4J hands a thread that asks while
        // another is still setting up a stand-in logger, and a stand-in made in the last moments of
        // that set-up logs nowhere, ever: the Agent's own lines went missing that way (in CI, twice).
        try {
            logging.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.SOFTWARE;
        }
        LogSetup.bridgeJul();
        LogSetup.apply(loaded.get().config().logging().level(), loaded.get().config().logging().levels());
        Optional<Agent> built = build(() -> Agent.daemon(loaded.get(), loader, arguments.config(), env,
                Clock.systemUTC()), arguments);
        if (built.isEmpty()) {
            return ExitCodes.CONFIG;
        }
        Agent agent = built.get();
        CountDownLatch stop = new CountDownLatch(1);
        // Handled here rather than left to the JVM's default, so that SIGTERM is a clean stop
        // with exit 0 and SIGHUP reloads instead of killing the process.
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Signal.handle(new Signal("HUP"), s -> new Thread(agent::reloadConfig, "credwatch-reload").start());
        try {
            agent.start();
        } catch (CannotListen e) {
            // A restart would meet the same address and port: EX_CONFIG, which systemd does not restart.
            LoggerFactory.getLogger(Main.class).error("cannot start: {}", describe(e, loaded.get().config()));
            agent.close();
            return ExitCodes.CONFIG;
        } catch (Exception e) {
            LoggerFactory.getLogger(Main.class).error("cannot start: {}", describe(e));
            agent.close();
            return ExitCodes.SOFTWARE;
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LoggerFactory.getLogger(Main.class).info("stopping");
        agent.close();
        return ExitCodes.OK;
    }

    /**
     * The agent built from a configuration that passed validation. Anything it still throws is a
     * value the validator let through: one line instead of a stack trace, and empty, for exit 78
     * rather than a restart into the same failure. The exception's message is left out, as it
     * may quote the value.
     */
    private Optional<Agent> build(Supplier<Agent> agent, Arguments arguments) {
        try {
            return Optional.of(agent.get());
        } catch (RuntimeException e) {
            String where = loader.locate(arguments.config()).map(p -> " " + p).orElse("");
            err.println("credwatch: cannot build the checks from the configuration" + where + " ("
                    + e.getClass().getSimpleName() + "); validate accepted it, so this is a credwatch bug: "
                    + "please report it with the configuration, secrets removed");
            return Optional.empty();
        }
    }

    /** Which setting to change, from the system's reason; both are safe to log (no request text). */
    private static String describe(CannotListen e, CredwatchConfig config) {
        return switch (e.reason()) {
            case PORT_IN_USE -> "http.port: " + e.port() + " on " + e.address() + " is in use (" + e.systemReason()
                    + "); is another credwatch running? Stop it, or choose another http.port";
            case ADDRESS_NOT_LOCAL -> "http.bind: " + config.http().bind() + " is not an address of this host ("
                    + e.systemReason() + "); use 127.0.0.1 or an address one of its interfaces has";
            case PORT_NOT_PERMITTED -> "http.port: " + e.port() + " needs a privilege credwatch does not have ("
                    + e.systemReason() + "); use a port above 1023";
            case ADDRESS_FAMILY_UNAVAILABLE -> "http.bind: this JVM cannot listen on " + config.http().bind()
                    + ", an IPv6 address, as it runs IPv4 only; use 127.0.0.1 or an IPv4 address of this host";
            case OTHER -> "http.bind, http.port: cannot listen on " + e.address() + ":" + e.port() + " ("
                    + e.systemReason() + ")";
        };
    }

    /** The failure without its message, which might echo input. */
    private static String describe(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getName();
    }
}
