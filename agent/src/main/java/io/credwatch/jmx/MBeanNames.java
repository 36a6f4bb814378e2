package io.credwatch.jmx;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** The names credwatch registers under (SPEC "JMX"), all in the {@code io.credwatch} domain. */
final class MBeanNames {

    static final String DOMAIN = "io.credwatch";

    private MBeanNames() {
    }

    static ObjectName agent() throws MalformedObjectNameException {
        return new ObjectName(DOMAIN + ":type=Agent");
    }

    static ObjectName check(String id) throws MalformedObjectNameException {
        return new ObjectName(DOMAIN + ":type=Check,name=" + value(id));
    }

    /**
     * Exchange check ids hold a colon ({@code exchange:acct}), which an unquoted ObjectName
     * value may not; quoting only then keeps the usual ids readable ({@code name=egress-ip})
     * in JConsole and in scripts that build the name by hand.
     */
    static String value(String raw) {
        boolean plain = !raw.isEmpty() && raw.chars().noneMatch(c -> ",=:\"*?\\\n".indexOf(c) >= 0);
        return plain ? raw : ObjectName.quote(raw);
    }
}
