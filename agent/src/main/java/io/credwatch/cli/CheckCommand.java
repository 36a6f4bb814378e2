package io.credwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.credwatch.Agent;
import io.credwatch.check.CheckReport;
import io.credwatch.check.Status;
import io.credwatch.config.LoadedConfig;
import io.credwatch.http.JsonMapper;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** {@code credwatch check}: every check (or those {@code --only} names) once; the worst status is the exit code. */
final class CheckCommand extends ConfiguredCommand {

    CheckCommand(AgentSetup setup, PrintStream out, PrintStream err) {
        super(setup, out, err);
    }

    @Override
    int run(Arguments arguments, LoadedConfig loaded) {
        Optional<Agent> built = setup.oneShot(loaded, arguments);
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
        } catch (JsonProcessingException e) {
            err.println("credwatch: cannot write the results as JSON: " + e.getClass().getSimpleName());
            return ExitCodes.SOFTWARE;
        }
    }
}
