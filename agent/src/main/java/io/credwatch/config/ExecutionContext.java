package io.credwatch.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where the agent runs. LOCAL (a laptop, CI) sends nothing private to an exchange and does
 * not ask EC2 about the instance; AWS does everything.
 */
public enum ExecutionContext {
    LOCAL, AWS;

    public static ExecutionContext parse(String text) {
        for (ExecutionContext c : values()) {
            if (c.name().equalsIgnoreCase(text)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown execution context '" + text + "'; one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
