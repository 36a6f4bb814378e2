package io.credwatch.jmx;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Every JMX timestamp: ISO-8601 UTC, always with milliseconds, so two times side by side in
 * JConsole line up and sort as text ({@code ISO_INSTANT} drops a zero fraction).
 */
final class IsoMillis {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private IsoMillis() {
    }

    /** Empty for null: JMX attributes are never null, and "" reads as "never". */
    static String format(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant);
    }
}
