package io.credwatch.config;

public record JmxConfig(Boolean enabled) {
    public JmxConfig {
        enabled = enabled == null || enabled;
    }
}
