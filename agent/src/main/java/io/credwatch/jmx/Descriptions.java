package io.credwatch.jmx;

import java.util.Map;

/**
 * The help text JConsole and VisualVM show for a bean and its members. The JDK derives an
 * MXBean's MBeanInfo from its interface alone, which leaves every description as the bare
 * member name; this is what the described beans hand back instead.
 */
record Descriptions(String bean, Map<String, String> members) {

    Descriptions {
        members = Map.copyOf(members);
    }

    /** Falls back to what the JDK derived, so a member added without text still shows up. */
    String member(String name, String derived) {
        return members.getOrDefault(name, derived);
    }
}
