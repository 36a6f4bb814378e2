package io.credwatch.config;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How durations are written in the configuration, {@code 500ms}, {@code 90s}, {@code 5m},
 * {@code 6h}, {@code 30d}, read and written back the same way in the refusals that quote them.
 * The check core words its own messages ({@code check.Durations}); the syntax of the file is
 * the configuration's.
 */
public final class DurationSyntax {

    private record Unit(String suffix, Duration length) {
    }

    /** Largest first: a duration is written in the largest unit that holds it whole. */
    private static final List<Unit> UNITS = List.of(new Unit("d", Duration.ofDays(1)),
            new Unit("h", Duration.ofHours(1)), new Unit("m", Duration.ofMinutes(1)),
            new Unit("s", Duration.ofSeconds(1)), new Unit("ms", Duration.ofMillis(1)));
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private DurationSyntax() {
    }

    public static Duration parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a duration; write it like 500ms, 90s, 5m, 6h or 30d");
        }
        Duration unit = UNITS.stream().filter(u -> u.suffix().equals(m.group(2))).findFirst().orElseThrow().length();
        return unit.multipliedBy(Long.parseLong(m.group(1)));
    }

    /** As an operator would have written it; zero is {@code 0s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        for (Unit u : UNITS) {
            if (ms % u.length().toMillis() == 0) {
                return ms / u.length().toMillis() + u.suffix();
            }
        }
        throw new AssertionError("every duration is a whole number of milliseconds");
    }
}
