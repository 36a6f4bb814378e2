package io.credwatch.config;

import static io.credwatch.config.ValueRules.filePath;
import static io.credwatch.config.ValueRules.refuse;

import java.util.List;
import java.util.Locale;

/** The {@code http} and {@code logging} sections: where the API listens, and what is logged. */
final class HttpLoggingRules {

    private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    private HttpLoggingRules() {
    }

    static void validate(HttpConfig http, LoggingConfig logging) throws ConfigException {
        refuse("http.bind", BindAddress.problem(http.bind()));
        if (http.port() < 0 || http.port() > 65535) {
            throw new ConfigException("http.port", http.port() + " is not a port number (0-65535)");
        }
        filePath("http.tokenFile", http.tokenFile());
        logLevel("logging.level", logging.level());
        for (var e : logging.levels().entrySet()) {
            logLevel("logging.levels." + e.getKey(), e.getValue());
        }
        if (!LoggingConfig.TEXT.equals(logging.format()) && !LoggingConfig.JSON.equals(logging.format())) {
            throw new ConfigException("logging.format", "unknown format '" + logging.format() + "'; one of text, json");
        }
    }

    private static void logLevel(String at, String level) throws ConfigException {
        if (!LEVELS.contains(level.toUpperCase(Locale.ROOT))) {
            throw new ConfigException(at, "unknown level '" + level + "'; one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
        }
    }
}
