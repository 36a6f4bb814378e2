package io.credwatch.config;

import java.nio.file.Path;

public record AgentConfig(Environment environment, ExecutionContext executionContext, Path stateDir) {

    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/credwatch");

    public AgentConfig {
        environment = environment == null ? Environment.DEV : environment;
        executionContext = executionContext == null ? ExecutionContext.LOCAL : executionContext;
    }

    AgentConfig withExecutionContext(ExecutionContext context) {
        return new AgentConfig(environment, context, stateDir);
    }

    AgentConfig withStateDir(Path dir) {
        return new AgentConfig(environment, executionContext, dir);
    }
}
