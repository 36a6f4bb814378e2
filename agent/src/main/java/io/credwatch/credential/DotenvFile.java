package io.credwatch.credential;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code NAME=value} lines as dotenv libraries and shells read them: {@code #} comments,
 * an optional {@code export}, single or double quotes (double-quoted values may span lines),
 * and an inline {@code # comment} after an unquoted value. The exchange credential sources read
 * the env files the bots load, and the plaintext scanner reads deployment env files: both
 * read them alike, through this.
 */
public final class DotenvFile {

    /** One {@code NAME=value}, with the line it starts on (1-based). */
    public record Entry(String name, String value, int line) {
        @Override
        public String toString() {
            // The value may be a secret: a stray log line shows where, never what.
            return "Entry[" + name + " at line " + line + "]";
        }
    }

    private DotenvFile() {
    }

    private static final Pattern LINE = Pattern.compile("\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\\s*=\\s*(.*)");

    /** Every assignment in file order; a name given twice appears twice (the last one wins in a shell). */
    public static List<Entry> entries(String text) {
        List<String> lines = text.lines().toList();
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            int start = i;
            String rest = m.group(2);
            String value;
            if (rest.startsWith("\"") || rest.startsWith("'")) {
                char quote = rest.charAt(0);
                StringBuilder quoted = new StringBuilder(rest.substring(1));
                while (closing(quoted, quote) < 0 && i + 1 < lines.size()) {
                    quoted.append('\n').append(lines.get(++i));
                }
                int end = closing(quoted, quote);
                value = end < 0 ? quoted.toString() : quoted.substring(0, end);
            } else {
                int comment = rest.indexOf(" #");
                value = (comment < 0 ? rest : rest.substring(0, comment)).strip();
            }
            out.add(new Entry(m.group(1), value, start + 1));
        }
        return out;
    }

    private static int closing(CharSequence s, char quote) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quote == '"') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }
}
