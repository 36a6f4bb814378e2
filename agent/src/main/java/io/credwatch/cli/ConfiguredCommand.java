package io.credwatch.cli;

import io.credwatch.config.LoadedConfig;
import java.io.PrintStream;
import java.util.Optional;

/**
 * A command that starts from the configuration, as Dropwizard's {@code ConfiguredCommand} does:
 * a configuration that does not load ends it with exit 78 before it begins. {@code run} is not
 * one: it loads the configuration while another thread prepares logging.
 */
abstract class ConfiguredCommand {

    final AgentSetup setup;
    final PrintStream out;
    final PrintStream err;

    ConfiguredCommand(AgentSetup setup, PrintStream out, PrintStream err) {
        this.setup = setup;
        this.out = out;
        this.err = err;
    }

    final int run(Arguments arguments) {
        Optional<LoadedConfig> loaded = setup.load(arguments);
        return loaded.isPresent() ? run(arguments, loaded.get()) : ExitCodes.CONFIG;
    }

    abstract int run(Arguments arguments, LoadedConfig loaded);
}
