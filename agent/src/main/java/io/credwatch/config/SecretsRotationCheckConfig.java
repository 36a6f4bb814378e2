package io.credwatch.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public record SecretsRotationCheckConfig(Boolean enabled, Duration interval, Duration timeout, List<String> names,
                                         String prefix, Map<Environment, Duration> maxAge,
                                         Integer raiseAfter, Integer raiseDefinitiveAfter, Integer clearAfter)
        implements FlapCounts {

    public static final Map<Environment, Duration> DEFAULT_MAX_AGE = Map.of(
            Environment.DEV, Duration.ofDays(180), Environment.SHADOW, Duration.ofDays(90),
            Environment.SOAK, Duration.ofDays(90), Environment.PROD, Duration.ofDays(30));

    public SecretsRotationCheckConfig {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofHours(1) : interval;
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        names = names == null ? List.of() : List.copyOf(names);
        prefix = prefix == null ? "" : prefix;
        Map<Environment, Duration> merged = new LinkedHashMap<>(DEFAULT_MAX_AGE);
        if (maxAge != null) {
            merged.putAll(maxAge);
        }
        maxAge = Map.copyOf(merged);
    }

    /** With the flap counts left to their defaults. */
    public SecretsRotationCheckConfig(Boolean enabled, Duration interval, Duration timeout, List<String> names,
                                      String prefix, Map<Environment, Duration> maxAge) {
        this(enabled, interval, timeout, names, prefix, maxAge, null, null, null);
    }

    /** Nothing to watch unless names or a prefix are given. */
    public boolean configured() {
        return !names.isEmpty() || !prefix.isBlank();
    }
}
