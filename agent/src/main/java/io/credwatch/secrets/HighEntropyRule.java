package io.credwatch.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code high-entropy}: in any file, a secret-looking name assigned ({@code =}, {@code :},
 * {@code :=}, {@code =>}) a random-looking literal, as gitleaks' generic-api-key rule does.
 * The format rules find plain passwords in the files they understand; this one finds
 * generated keys in scripts, properties files and everything else. A name must start a
 * word (or follow {@code --}, as an option does), so {@code ...:secret:name} inside a Secrets
 * Manager ARN is not an assignment.
 */
final class HighEntropyRule implements ContentRule {

    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?:(?<=--)|(?<![A-Za-z0-9_.:/-]))([A-Za-z_][A-Za-z0-9_.-]*)[\"']?\\s*(?::=|=>|=|:)\\s*[\"']?([A-Za-z0-9+/=_~.!@%^*-]{16,})");
    /**
     * A password is chosen by a person: short, punctuated, not random-looking. Under a name
     * that says password, any whole word of 6 or more characters counts; one followed by
     * {@code (} or {@code [} is code reading the password from somewhere else.
     */
    private static final Pattern PASSWORD = Pattern.compile(
            "(?:(?<=--)|(?<![A-Za-z0-9_.:/-]))([A-Za-z_][A-Za-z0-9_.-]*)[\"']?\\s*(?::=|=>|=|:)\\s*[\"']?([^\\s\"'`,;&()\\[\\]{}]{6,})(?=$|[\\s\"'`,;&#])");

    /** {@code KC_PASSPHRASE: KC_PASSPHRASE is unset}: prose naming a variable, not its value. */
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+");

    @Override
    public List<Finding> find(String file, List<String> lines) {
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.indexOf('=') < 0 && line.indexOf(':') < 0) {
                continue;
            }
            Matcher m = ASSIGNMENT.matcher(line);
            while (m.find()) {
                String name = m.group(1);
                String value = m.group(2);
                if (SecretNames.looksSecret(name) && SecretValues.isLiteral(value) && SecretValues.isHighEntropy(value)) {
                    out.add(new Finding(file, i + 1, ScanRule.HIGH_ENTROPY,
                            name + " is assigned a random-looking literal (" + value.length() + " chars)"));
                }
            }
            Matcher p = PASSWORD.matcher(line);
            while (p.find()) {
                String name = p.group(1);
                String value = p.group(2);
                if (SecretNames.isPasswordName(name) && SecretValues.isLiteral(value) && !VARIABLE_NAME.matcher(value).matches()) {
                    out.add(new Finding(file, i + 1, ScanRule.HIGH_ENTROPY,
                            name + " is assigned a literal password (" + value.length() + " chars)"));
                }
            }
        }
        return out;
    }
}
