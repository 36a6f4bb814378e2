package io.credwatch.config;

import java.util.List;

/** The whole configuration, immutable, with every default filled in. */
public record CredwatchConfig(AgentConfig agent, HttpConfig http, JmxConfig jmx, ChecksConfig checks,
                              List<ExchangeAccountConfig> exchanges, AlertsConfig alerts, LoggingConfig logging) {

    public CredwatchConfig {
        agent = agent == null ? new AgentConfig(null, null, null) : agent;
        http = http == null ? new HttpConfig(null, null, null, null) : http;
        jmx = jmx == null ? new JmxConfig(null) : jmx;
        checks = checks == null ? new ChecksConfig(null, null, null, null) : checks;
        exchanges = exchanges == null ? List.of() : List.copyOf(exchanges);
        alerts = alerts == null ? new AlertsConfig(null, null) : alerts;
        logging = logging == null ? new LoggingConfig(null, null, null) : logging;
    }

    public static CredwatchConfig defaults() {
        return new CredwatchConfig(null, null, null, null, null, null, null);
    }

    CredwatchConfig withAgent(AgentConfig newAgent) {
        return new CredwatchConfig(newAgent, http, jmx, checks, exchanges, alerts, logging);
    }
}
