package io.credwatch.check;

import java.time.Duration;

/**
 * How credwatch's messages write time spans: {@code 90s}, {@code 5m}, {@code 6h}, {@code 30d}, as
 * the configuration writes them (which {@code config.DurationSyntax} reads), or roughly for
 * people ({@code 5h 23m}).
 */
public final class Durations {

    private Durations() {
    }

    /** The largest whole unit that represents the duration exactly, e.g. {@code 5m}, {@code 90s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    /** For people: the two largest units, rounded down, e.g. {@code 5h 23m}, {@code 2d 3h}, {@code 45s}. */
    public static String approximate(Duration d) {
        long s = Math.abs(d.toSeconds());
        long days = s / 86_400;
        long hours = s % 86_400 / 3_600;
        long minutes = s % 3_600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            return days + "d" + (hours > 0 ? " " + hours + "h" : "");
        }
        if (hours > 0) {
            return hours + "h" + (minutes > 0 ? " " + minutes + "m" : "");
        }
        if (minutes > 0) {
            return minutes + "m" + (seconds > 0 ? " " + seconds + "s" : "");
        }
        return seconds + "s";
    }
}
