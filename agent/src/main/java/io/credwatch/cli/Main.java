package io.credwatch.cli;

import io.credwatch.config.ConfigLoader;
import io.credwatch.info.BuildInfo;
import io.credwatch.logging.LogSetup;
import io.credwatch.logging.WireLogGuard;
import java.io.PrintStream;
import java.util.Map;
import java.util.Properties;

/**
 * {@code credwatch <command>}: see {@link #USAGE}. The entry point: parses the command line and
 * hands it to the command's own class; the commands that read the configuration share {@link AgentSetup}.
 */
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

    private final AgentSetup setup;
    private final PrintStream out;
    private final PrintStream err;

    Main(Map<String, String> env, PrintStream out, PrintStream err) {
        this.setup = new AgentSetup(Map.copyOf(env), new ConfigLoader(env), err);
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        // First, before any HTTP client or TLS class reads them: flags that print request headers.
        WireLogGuard.disarmJdkFlags(System.getProperties()).ifPresent(refusal -> {
            System.err.println("credwatch: " + refusal);
            System.exit(ExitCodes.CONFIG);
        });
        preferCompactLocaleData(System.getProperties(), Runtime.version().feature());
        int code = new Main(System.getenv(), System.out, System.err).execute(args);
        System.out.flush();
        System.exit(code);
    }

    /**
     * Jetty builds its MIME table with every locale the JDK knows, on the way to listening:
     * with the JDK's default CLDR data some 1 000 of them, a visible part of the start
     * (docs/performance.md). credwatch formats nothing by locale ({@code Locale.ROOT} and ISO-8601
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
            case "validate" -> new ValidateCommand(setup, out, err).run(arguments);
            case "check" -> new CheckCommand(setup, out, err).run(arguments);
            case "fingerprint" -> new FingerprintCommand(setup, out, err).run(arguments);
            case "scan" -> new ScanCommand(out, err).run(arguments);
            case "run" -> new RunCommand(setup).run(arguments);
            default -> ExitCodes.USAGE;
        };
    }

    private int version() {
        BuildInfo build = BuildInfo.load();
        out.println("credwatch " + build.version() + " (built " + build.buildTime() + ", Java "
                + Runtime.version() + ")");
        return ExitCodes.OK;
    }
}
