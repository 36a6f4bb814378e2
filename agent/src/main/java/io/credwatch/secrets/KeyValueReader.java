package io.credwatch.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code name = value} lines of INI, TOML, Java {@code .properties}, Terraform variable files and
 * {@code .npmrc}/{@code .pypirc}: comments and {@code [section]} headers skipped, quotes taken
 * off. Terraform and TOML strings are always quoted, so there an unquoted value is an
 * expression ({@code var.db_password}), not a literal; {@code .properties} also takes
 * {@code name: value}.
 */
final class KeyValueReader implements FormatReader {

    private static final Pattern EQUALS = Pattern.compile("\\s*(?:export\\s+)?([^=\\s#;\\[][^=]*?)\\s*=\\s*(.*)");
    private static final Pattern EQUALS_OR_COLON = Pattern.compile("\\s*([^=:\\s#!][^=:]*?)\\s*[=:]\\s*(.*)");
    private static final Pattern QUOTED = Pattern.compile("(\"|')(.*?)\\1.*");
    private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s+[#;].*$");

    private final boolean quotedOnly;
    private final boolean colon;

    /**
     * @param quotedOnly only quoted values are literals (TOML, HCL)
     * @param colon {@code :} separates too (.properties)
     */
    KeyValueReader(boolean quotedOnly, boolean colon) {
        this.quotedOnly = quotedOnly;
        this.colon = colon;
    }

    @Override
    public List<Assignment> read(String text) {
        List<String> lines = text.lines().toList();
        List<Assignment> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || line.startsWith("[")) {
                continue;
            }
            Matcher m = (colon ? EQUALS_OR_COLON : EQUALS).matcher(line);
            if (!m.matches()) {
                continue;
            }
            String value = m.group(2).strip();
            Matcher q = QUOTED.matcher(value);
            if (q.matches()) {
                value = q.group(2);
            } else if (quotedOnly) {
                continue;
            } else {
                value = TRAILING_COMMENT.matcher(value).replaceFirst("");
            }
            out.add(new Assignment(m.group(1), value, i + 1, ""));
        }
        return out;
    }
}
