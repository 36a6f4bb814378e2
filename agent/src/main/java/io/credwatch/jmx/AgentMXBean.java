package io.credwatch.jmx;

/** {@code io.credwatch:type=Agent}: the agent as a whole. Only JDK types, so clients need no credwatch classes. */
public interface AgentMXBean {

    String getVersion();

    long getUptimeSeconds();

    String getOverallStatus();

    String getExecutionContext();

    String getEnvironment();

    String runAllChecks();

    String reloadConfig();
}
