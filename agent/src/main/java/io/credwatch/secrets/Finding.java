package io.credwatch.secrets;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One plaintext secret found in a file. Holds no part of the value: {@code what} names the
 * variable and at most the value's length, so a finding can go anywhere a log line can.
 */
public record Finding(String file, int line, ScanRule rule, String what) {

    public Finding {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(what, "what");
    }

    /** {@code FILE:LINE: RULE: what; fix} (SPEC, {@code scan}). */
    public String format() {
        return file + ":" + line + ": " + rule.id() + ": " + what + "; " + rule.fix();
    }

    /** For check details: where and which rule, never the value. */
    public Map<String, Object> toDetail() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("line", line);
        m.put("rule", rule.id());
        return m;
    }
}
