package io.credwatch.jmx;

import java.util.Map;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/**
 * The user data of credwatch's notifications, as open data: a listener (JConsole, jmxterm, a
 * script) reads everything it needs from the notification itself, with no second call and
 * no credwatch classes.
 */
final class NotificationData {

    /** A check's reported status changed. */
    static final CompositeType CHECK_STATUS = type("io.credwatch.CheckStatusChange",
            "A check's reported status changed",
            item("id", "the check id, e.g. exchange:bybit-main", SimpleType.STRING),
            item("kind", "aws, egress, exchange or secrets", SimpleType.STRING),
            item("status", "the new status", SimpleType.STRING),
            item("statusCode", "the new status as a number: 0 OK, 1 WARN, 2 CRITICAL, 3 UNKNOWN", SimpleType.INTEGER),
            item("previousStatus", "the status before, PENDING for the first run", SimpleType.STRING),
            item("category", "the cause behind the new status (NONE when OK)", SimpleType.STRING),
            item("summary", "one line on what the run found", SimpleType.STRING),
            item("remediation", "what to do about it; empty when nothing needs doing", SimpleType.STRING),
            item("time", "when the status changed, ISO-8601 UTC with milliseconds", SimpleType.STRING));

    /** The worst status of all checks changed. */
    static final CompositeType OVERALL_STATUS = type("io.credwatch.OverallStatusChange",
            "The agent's overall status changed",
            item("status", "the new overall status", SimpleType.STRING),
            item("statusCode", "the new overall status as a number: -1 PENDING, 0 OK, 1 WARN, 2 CRITICAL, 3 UNKNOWN",
                    SimpleType.INTEGER),
            item("previousStatus", "the overall status before", SimpleType.STRING),
            item("notOk", "the checks that are not OK: 'id STATUS CATEGORY', worst first, comma-separated",
                    SimpleType.STRING),
            item("time", "when it changed, ISO-8601 UTC with milliseconds", SimpleType.STRING));

    /** A reload was applied or refused. */
    static final CompositeType RELOAD = type("io.credwatch.Reload",
            "A configuration reload was applied or refused",
            item("outcome", "APPLIED or REFUSED", SimpleType.STRING),
            item("answer", "the reload's line: what was loaded, or why it was refused", SimpleType.STRING),
            item("time", "when the reload finished, ISO-8601 UTC with milliseconds", SimpleType.STRING));

    private NotificationData() {
    }

    /** {@code items} names every item of {@code type}; a mismatch is a credwatch bug. */
    static CompositeData of(CompositeType type, Map<String, ?> items) {
        try {
            return new CompositeDataSupport(type, items);
        } catch (OpenDataException e) {
            throw new IllegalArgumentException(type.getTypeName() + ": " + e.getMessage(), e);
        }
    }

    private record Item(String name, String description, OpenType<?> type) {
    }

    private static Item item(String name, String description, OpenType<?> type) {
        return new Item(name, description, type);
    }

    private static CompositeType type(String name, String description, Item... items) {
        String[] names = new String[items.length];
        String[] descriptions = new String[items.length];
        OpenType<?>[] types = new OpenType<?>[items.length];
        for (int i = 0; i < items.length; i++) {
            names[i] = items[i].name();
            descriptions[i] = items[i].description();
            types[i] = items[i].type();
        }
        try {
            return new CompositeType(name, description, names, descriptions, types);
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
