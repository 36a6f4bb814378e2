package io.credwatch.config;

import java.time.Duration;
import java.util.List;

public record PlaintextSecretsCheckConfig(Boolean enabled, Duration interval, Duration timeout, List<String> paths,
                                          List<String> ignore) {
    public PlaintextSecretsCheckConfig {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofHours(1) : interval;
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        paths = paths == null ? List.of() : List.copyOf(paths);
        ignore = ignore == null ? List.of() : List.copyOf(ignore);
    }
}
