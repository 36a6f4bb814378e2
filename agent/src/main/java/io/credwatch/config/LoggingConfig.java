package io.credwatch.config;

import java.util.Map;

/**
 * Log levels: {@code level} for everything, {@code levels} per package or class name; and
 * {@code format}, how the built-in console appender writes a line: {@link #TEXT} or {@link #JSON}.
 */
public record LoggingConfig(String level, Map<String, String> levels, String format) {
    public static final String TEXT = "text";
    public static final String JSON = "json";

    public LoggingConfig {
        level = level == null || level.isBlank() ? "INFO" : level;
        levels = levels == null ? Map.of() : Map.copyOf(levels);
        format = format == null || format.isBlank() ? TEXT : format;
    }

    /** Whether log lines are JSON objects rather than text. */
    public boolean json() {
        return JSON.equals(format);
    }
}
