package io.credwatch.secrets;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code Environment=} lines of systemd units and drop-ins, split as systemd does
 * (systemd.exec(5)): whitespace-separated assignments, each optionally quoted, so that
 * {@code Environment="A=b c" D=e} sets A and D. A trailing backslash continues the line.
 */
final class SystemdUnitReader implements FormatReader {

    private static final String KEY = "Environment=";

    @Override
    public List<Assignment> read(String text) {
        List<String> lines = text.lines().toList();
        List<Assignment> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int start = i;
            StringBuilder line = new StringBuilder(lines.get(i).strip());
            while (line.length() > 0 && line.charAt(line.length() - 1) == '\\' && i + 1 < lines.size()) {
                line.setLength(line.length() - 1);
                line.append(' ').append(lines.get(++i).strip());
            }
            if (!line.toString().startsWith(KEY)) {
                continue;
            }
            for (String word : words(line.substring(KEY.length()))) {
                int eq = word.indexOf('=');
                if (eq > 0) {
                    out.add(new Assignment(word.substring(0, eq), word.substring(eq + 1), start + 1, ""));
                }
            }
        }
        return out;
    }

    private static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < s.length()) {
                    w.append(s.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }
}
