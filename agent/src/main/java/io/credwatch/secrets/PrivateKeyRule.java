package io.credwatch.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code private-key}: a PEM private key ({@code -----BEGIN ... PRIVATE KEY-----}) with a real
 * body. Like gitleaks' private-key rule, a body of at least 64 base64 characters is required,
 * so documentation showing only the armour lines is not flagged; so are placeholders in the
 * body. Works on keys split over lines and on keys folded into one JSON string with {@code \n}.
 */
final class PrivateKeyRule implements ContentRule {

    private static final Pattern BEGIN = Pattern.compile("-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY( BLOCK)?-----");
    private static final Pattern END = Pattern.compile("-----END[ A-Z0-9_-]{0,100}PRIVATE KEY( BLOCK)?-----");
    private static final int MIN_BODY = 64;
    /** A PEM key is a few kilobytes at most: 4096-bit RSA is about 50 lines. */
    private static final int MAX_LINES = 200;

    @Override
    public List<Finding> find(String file, List<String> lines) {
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher begin = BEGIN.matcher(lines.get(i));
            if (!begin.find()) {
                continue;
            }
            StringBuilder body = new StringBuilder(lines.get(i).substring(begin.end()));
            int j = i;
            while (!END.matcher(body).find() && j + 1 < lines.size() && j - i < MAX_LINES) {
                body.append('\n').append(lines.get(++j));
            }
            Matcher end = END.matcher(body);
            String armoured = end.find() ? body.substring(0, end.start()) : body.toString();
            String base64 = armoured.replace("\\n", "").replaceAll("[^A-Za-z0-9+/]", "");
            if (base64.length() >= MIN_BODY && !SecretValues.looksPlaceholder(armoured)) {
                String kind = begin.group().replace("-----BEGIN", "").replace("-----", "").strip();
                out.add(new Finding(file, i + 1, ScanRule.PRIVATE_KEY,
                        "a PEM " + kind + " (" + (j - i + 1) + " lines) sits in the file"));
            }
        }
        return out;
    }
}
