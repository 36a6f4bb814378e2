package io.credwatch.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code url-credentials}: a URL carrying a password ({@code scheme://user:password@host}),
 * under any name, {@code DATABASE_URL} included: whoever reads the file can log in. A URL with
 * a user and no password, or whose password is a reference ({@code ${DB_PASSWORD}}) or a
 * placeholder, is not a finding.
 */
final class UrlCredentialsRule implements ContentRule {

    private static final Pattern URL = Pattern.compile(
            "(?<![A-Za-z0-9+.-])([a-zA-Z][a-zA-Z0-9+.-]{1,30})://([^\\s:/@\"'`]*):([^\\s/@\"'`]+)@([A-Za-z0-9\\[][A-Za-z0-9.:\\]_-]*)");
    /** Written where a real password would go in documentation. */
    private static final List<String> STAND_INS = List.of("password", "passwd", "pass", "pwd", "pw", "secret");

    @Override
    public List<Finding> find(String file, List<String> lines) {
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.contains("://") || line.indexOf('@') < 0) {
                continue;
            }
            Matcher m = URL.matcher(line);
            while (m.find()) {
                String password = m.group(3);
                if (isReal(password) && !m.group(4).isEmpty()) {
                    out.add(new Finding(file, i + 1, ScanRule.URL_CREDENTIALS, "a " + m.group(1).toLowerCase(Locale.ROOT)
                            + " URL holds a password (" + password.length() + " chars)"));
                }
            }
        }
        return out;
    }

    private static boolean isReal(String password) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (password.contains("$") || password.contains("{{") || password.contains("%(") || password.contains("<")) {
            return false;
        }
        return !STAND_INS.contains(lower) && !SecretValues.looksPlaceholder(password) && password.chars().distinct().count() > 1
                && !password.chars().allMatch(c -> c == '*' || c == 'x' || c == 'X');
    }
}
