package io.credwatch.config;

import java.util.Map;

/** Log levels: {@code level} for everything, {@code levels} per package or class name. */
public record LoggingConfig(String level, Map<String, String> levels) {
    public LoggingConfig {
        level = level == null || level.isBlank() ? "INFO" : level;
        levels = levels == null ? Map.of() : Map.copyOf(levels);
    }
}
