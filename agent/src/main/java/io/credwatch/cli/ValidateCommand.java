package io.credwatch.cli;

import io.credwatch.config.CredwatchConfig;
import io.credwatch.config.LoadedConfig;
import java.io.PrintStream;

/** {@code credwatch validate}: reads the configuration and says what it found, or the first mistake. */
final class ValidateCommand extends ConfiguredCommand {

    ValidateCommand(AgentSetup setup, PrintStream out, PrintStream err) {
        super(setup, out, err);
    }

    @Override
    int run(Arguments arguments, LoadedConfig loaded) {
        CredwatchConfig c = loaded.config();
        out.println("configuration valid: " + loaded.describeSource() + " (environment "
                + c.agent().environment().label() + ", context " + c.agent().executionContext() + ", "
                + c.exchanges().size() + " exchange accounts)");
        return ExitCodes.OK;
    }
}
