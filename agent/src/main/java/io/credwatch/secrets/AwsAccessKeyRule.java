package io.credwatch.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code aws-access-key}: an AWS access key id (gitleaks' AKIA/ASIA pattern) with a 40-character
 * secret access key within a few lines. The id alone identifies a key and proves nothing
 * leaked; with the secret beside it, anyone who reads the file holds the key. Reported on the
 * id's line; the AWS documentation's {@code ...EXAMPLE} keys are placeholders.
 */
final class AwsAccessKeyRule implements ContentRule {

    private static final Pattern KEY_ID = Pattern.compile("(?<![A-Za-z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])");
    private static final Pattern SECRET = Pattern.compile("(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    /** Credentials files, dotenv files and task definitions keep the pair on adjacent lines. */
    private static final int NEARBY = 5;
    /** A generated 40-character secret scores about 4.8; a word or a hash scores far less. */
    private static final double SECRET_ENTROPY = 4.0;

    @Override
    public List<Finding> find(String file, List<String> lines) {
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.contains("AKIA") && !line.contains("ASIA")) {
                continue;
            }
            Matcher id = KEY_ID.matcher(line);
            while (id.find()) {
                if (SecretValues.looksPlaceholder(id.group())) {
                    continue;
                }
                int secretLine = secretNear(lines, i);
                if (secretLine > 0) {
                    String kind = id.group(1).equals("ASIA") ? "a temporary (session) AWS access key id" : "a long-term AWS access key id";
                    out.add(new Finding(file, i + 1, ScanRule.AWS_ACCESS_KEY, kind + " with its secret access key "
                            + (secretLine == i + 1 ? "on the same line" : "on line " + secretLine)));
                }
            }
        }
        return out;
    }

    /** The 1-based line of a secret access key within {@link #NEARBY} lines of {@code at}, or 0. */
    private static int secretNear(List<String> lines, int at) {
        for (int j = Math.max(0, at - NEARBY); j <= Math.min(lines.size() - 1, at + NEARBY); j++) {
            Matcher s = SECRET.matcher(lines.get(j));
            while (s.find()) {
                String candidate = s.group();
                if (!HEX.matcher(candidate).matches() && SecretValues.entropy(candidate) >= SECRET_ENTROPY
                        && !SecretValues.looksPlaceholder(candidate)) {
                    return j + 1;
                }
            }
        }
        return 0;
    }
}
