package io.credwatch.info;

import java.time.Instant;
import java.util.List;

/**
 * Who this agent is, for {@code /whoami} and JMX: identifiers and names only, never a value
 * read from a credential.
 */
public record AgentInfo(long pid, String host, String environment, String executionContext, String version,
                        String buildTime, String configFile, Instant startedAt, List<String> credentialSources) {
}
