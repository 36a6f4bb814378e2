package io.credwatch.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The deployment stage a host belongs to; secrets of one stage must never serve another. */
public enum Environment {
    DEV, SHADOW, SOAK, PROD;

    public static Environment parse(String text) {
        for (Environment e : values()) {
            if (e.name().equalsIgnoreCase(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown environment '" + text + "'; one of "
                + Arrays.stream(values()).map(Environment::label).collect(Collectors.joining(", ")));
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
