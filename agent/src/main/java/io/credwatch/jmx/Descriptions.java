package io.credwatch.jmx;

import java.util.Map;
import java.util.Set;
import javax.management.Descriptor;
import javax.management.ImmutableDescriptor;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;

/**
 * The help text JConsole and VisualVM show for a bean and its members, and the legal values
 * of its closed-set attributes. The JDK derives an MXBean's MBeanInfo from its interface
 * alone, which leaves every description as the bare member name and no {@code legalValues};
 * this is what the described beans hand back instead.
 */
record Descriptions(String bean, Map<String, String> members, Map<String, Set<?>> legalValues) {

    Descriptions {
        members = Map.copyOf(members);
        legalValues = Map.copyOf(legalValues);
    }

    Descriptions(String bean, Map<String, String> members) {
        this(bean, members, Map.of());
    }

    /** Falls back to what the JDK derived, so a member added without text still shows up. */
    String member(String name, String derived) {
        return members.getOrDefault(name, derived);
    }

    /** {@code info} with {@code legalValues} (a {@code Set}, as {@link Descriptor} defines it) on the attributes that have one. */
    MBeanInfo withLegalValues(MBeanInfo info) {
        if (legalValues.isEmpty()) {
            return info;
        }
        MBeanAttributeInfo[] attributes = info.getAttributes();
        for (int i = 0; i < attributes.length; i++) {
            MBeanAttributeInfo a = attributes[i];
            Set<?> legal = legalValues.get(a.getName());
            if (legal != null) {
                Descriptor descriptor = ImmutableDescriptor.union(a.getDescriptor(),
                        new ImmutableDescriptor(new String[] {"legalValues"}, new Object[] {legal}));
                attributes[i] = new MBeanAttributeInfo(a.getName(), a.getType(), a.getDescription(), a.isReadable(),
                        a.isWritable(), a.isIs(), descriptor);
            }
        }
        return new MBeanInfo(info.getClassName(), info.getDescription(), attributes, info.getConstructors(),
                info.getOperations(), info.getNotifications(), info.getDescriptor());
    }
}
