package io.credwatch.jmx;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** The names credwatch registers under (contract "JMX"), all in the {@code io.credwatch} domain. */
final class MBeanNames {

    static final String DOMAIN = "io.credwatch";

    private MBeanNames() {
    }

    static ObjectName agent() throws MalformedObjectNameException {
        return new ObjectName(DOMAIN + ":type=Agent");
    }

    /**
     * {@code type=Check,kind=<kind>,name=<name>}: JConsole draws one folder per key in the
     * order written, so checks group by kind, and the exchange account's own name needs no
     * quotes ({@code kind=exchange,name=bybit-main} for {@code exchange:bybit-main}).
     */
    static ObjectName check(String id) throws MalformedObjectNameException {
        return new ObjectName(DOMAIN + ":type=Check,kind=" + value(kind(id)) + ",name=" + value(name(id)));
    }

    /** What comes before the colon of an exchange id, else before the first dash: aws, egress, secrets, exchange. */
    static String kind(String id) {
        int colon = id.indexOf(':');
        if (colon > 0) {
            return id.substring(0, colon);
        }
        int dash = id.indexOf('-');
        return dash > 0 ? id.substring(0, dash) : id;
    }

    /** An exchange account's name after its {@code exchange:} prefix; every other id whole. */
    static String name(String id) {
        int colon = id.indexOf(':');
        return colon > 0 && colon < id.length() - 1 ? id.substring(colon + 1) : id;
    }

    /**
     * A value quoted only when an unquoted ObjectName value may not hold it; account names
     * the configuration accepts never need it, so scripts can build names by hand.
     */
    static String value(String raw) {
        boolean plain = !raw.isEmpty() && raw.chars().noneMatch(c -> ",=:\"*?\\\n".indexOf(c) >= 0);
        return plain ? raw : ObjectName.quote(raw);
    }
}
