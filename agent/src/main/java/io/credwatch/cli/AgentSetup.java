package io.credwatch.cli;

import io.credwatch.Agent;
import io.credwatch.config.ConfigException;
import io.credwatch.config.ConfigLoader;
import io.credwatch.config.CredwatchConfig;
import io.credwatch.config.LoadedConfig;
import io.credwatch.credential.CredentialFingerprint;
import io.credwatch.logging.LogSetup;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a command gets its configuration and the {@link Agent} built from it. A failure of either
 * is one line on stderr naming the file, and an empty answer the command turns into exit 78.
 * Some libraries log through java.util.logging, so before a one-time command's agent is built or
 * its credentials read, that is routed into logback; the daemon does so itself, in its own
 * order of start-up.
 */
final class AgentSetup {

    private final Map<String, String> env;
    private final ConfigLoader loader;
    private final PrintStream err;

    AgentSetup(Map<String, String> env, ConfigLoader loader, PrintStream err) {
        this.env = env;
        this.loader = loader;
        this.err = err;
    }

    /** The configuration, or empty after one line on stderr naming the file and the field. */
    Optional<LoadedConfig> load(Arguments arguments) {
        try {
            return Optional.of(loader.load(arguments.config()));
        } catch (ConfigException e) {
            err.println("credwatch: invalid configuration" + where(arguments) + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** An agent that runs its checks when asked, for {@code credwatch check}. */
    Optional<Agent> oneShot(LoadedConfig loaded, Arguments arguments) {
        LogSetup.bridgeJul();
        return build(() -> Agent.oneShot(loaded, loader, env, Clock.systemUTC()), arguments);
    }

    /** The daemon's agent, which reloads from the file {@code arguments} named. */
    Optional<Agent> daemon(LoadedConfig loaded, Arguments arguments) {
        return build(() -> Agent.daemon(loaded, loader, arguments.config(), env, Clock.systemUTC()), arguments);
    }

    /** Each exchange account's key fingerprint, read once, for {@code credwatch fingerprint}. */
    List<CredentialFingerprint> fingerprints(CredwatchConfig config) throws InterruptedException {
        LogSetup.bridgeJul();
        return Agent.fingerprintsOnce(config, env, Clock.systemUTC());
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
            err.println("credwatch: cannot build the checks from the configuration" + where(arguments) + " ("
                    + e.getClass().getSimpleName() + "); validate accepted it, so this is a credwatch bug: "
                    + "please report it with the configuration, secrets removed");
            return Optional.empty();
        }
    }

    private String where(Arguments arguments) {
        return loader.locate(arguments.config()).map(p -> " " + p).orElse("");
    }
}
