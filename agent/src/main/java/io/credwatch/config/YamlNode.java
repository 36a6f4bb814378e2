package io.credwatch.config;

import com.fasterxml.jackson.core.JsonToken;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A configuration file's YAML as read, before it is bound to the records: mappings keep the
 * order their keys were written in (an account's credential sources are tried in that order).
 */
sealed interface YamlNode {

    /**
     * A single value as the parser typed it ({@code 9797} a whole number, {@code "9797"} a text).
     *
     * @param text   as written; null for YAML's null
     * @param number for whole numbers, the smallest of Integer, Long or BigInteger that holds it
     */
    record Scalar(JsonToken token, String text, Number number) implements YamlNode {
    }

    record Mapping(Map<String, YamlNode> entries) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(entries);
        }
    }

    record Sequence(List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** YAML's {@code ~}, {@code null} or nothing after the colon: the key is as good as not written. */
    default boolean isNull() {
        return this instanceof Scalar s && s.token() == JsonToken.VALUE_NULL;
    }

    /** Where a key's value is, as refusals name fields: {@code checks.egress-ip}. */
    static String keyPath(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** Where a list's item is: {@code exchanges[0]}. */
    static String itemPath(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
