package io.credwatch.jmx;

import io.credwatch.check.CheckResults;
import io.credwatch.check.Overall;
import io.credwatch.info.AgentControl;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Reads the agent's identity and roll-up live on every get; operations go straight to {@link AgentControl}. */
final class AgentBean implements AgentMXBean {

    static final Descriptions DESCRIPTIONS = new Descriptions(
            "The credwatch agent: identity, uptime, the worst status of all checks, and agent-wide actions.",
            Map.of(
                    "Version", "credwatch version",
                    "UptimeSeconds", "Seconds since the agent started",
                    "OverallStatus", "The most severe status among the latest check results: "
                            + "OK, WARN, UNKNOWN or CRITICAL (OK before any check has reported)",
                    "ExecutionContext", "Where the agent runs: LOCAL or AWS",
                    "Environment", "The deployment stage this host belongs to (dev, shadow, soak, prod)",
                    "runAllChecks", "Run every check now; returns a one-line summary once they are done",
                    "reloadConfig", "Re-read the configuration; a bad one is refused and the old one keeps running"));

    private final CheckResults results;
    private final AgentControl control;
    private final Clock clock;

    AgentBean(CheckResults results, AgentControl control, Clock clock) {
        this.results = results;
        this.control = control;
        this.clock = clock;
    }

    @Override
    public String getVersion() {
        return control.info().version();
    }

    @Override
    public long getUptimeSeconds() {
        Duration up = Duration.between(control.info().startedAt(), clock.instant());
        return Math.max(0, up.getSeconds());
    }

    @Override
    public String getOverallStatus() {
        return Overall.of(results.latest()).name();
    }

    @Override
    public String getExecutionContext() {
        return control.info().executionContext();
    }

    @Override
    public String getEnvironment() {
        return control.info().environment();
    }

    @Override
    public String runAllChecks() {
        return control.runAllChecks();
    }

    @Override
    public String reloadConfig() {
        return control.reloadConfig();
    }
}
