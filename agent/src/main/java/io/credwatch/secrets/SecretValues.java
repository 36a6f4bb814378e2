package io.credwatch.secrets;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a value is a literal secret, as opposed to a placeholder ({@code changeme},
 * {@code <your key>}, {@code YOUR_KEY_HERE}), a reference resolved elsewhere ({@code ${VAR}},
 * a Secrets Manager or SSM ARN, a path, a URL), or too plain to be a credential ({@code true},
 * a port number). The lists follow gitleaks' stopwords and detect-secrets' false-positive set.
 */
final class SecretValues {

    private static final List<String> PLACEHOLDER_PARTS = List.of("changeme", "change_me", "change-me", "changeit",
            "replace_me", "replace-me", "replaceme", "replace_with", "your_", "your-", "yourkey", "yoursecret",
            "yourtoken", "yourpassword", "placeholder", "example", "dummy", "redacted", "fixme", "todo", "xxx", "***",
            "...", "insert_", "insert-", "fill_me", "fillme", "not_set", "notset", "sample", "fake", "here", "your",
            "<", "secret_value", "dont_use", "do_not_use");
    /** Ciphertext committed on purpose (SOPS, Jasypt), public material, and provider intrinsics. */
    private static final Pattern NOT_A_SECRET = Pattern.compile("(enc\\[(aes256_gcm|pgp|age)?.*|enc\\(.*\\)|"
            + "-----begin (encrypted private key|(?!.*private key)).*|.*proc-type: 4,encrypted.*|"
            + "(ssh-(rsa|dss|ed25519)|ecdsa-sha2-[a-z0-9]+|sk-ssh-ed25519@openssh\\.com) .*|"
            + "pk_(live|test)_.*|!(ref|sub|getatt|join|select|importvalue|findinmap|base64|cidr|getazs|if|split) .*|"
            + "fn::.*|@microsoft\\.keyvault\\(.*|projects/[^/]+/secrets/.*|\\$ansible_vault;.*|ref\\+[a-z]+://.*)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** A file holding the secret ({@code GOOGLE_APPLICATION_CREDENTIALS=sa.json}), named relative to the working directory. */
    private static final Pattern FILE_NAME = Pattern.compile(
            "[A-Za-z0-9_.-]+\\.(json|pem|key|p12|pfx|jks|keystore|crt|cer|der|txt|ya?ml|env|ini|conf|cfg|properties|toml|gpg|asc|ppk)",
            Pattern.CASE_INSENSITIVE);
    /** Windows {@code %VAR%}, Maven and Ant {@code @VAR@} filtering. */
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("%[A-Za-z_][A-Za-z0-9_]*%|@[A-Za-z_][A-Za-z0-9_.]*@");
    /** Six of one character in a row: filler, not a generated secret. */
    private static final Pattern REPEATED = Pattern.compile("(.)\\1{5}");
    private static final Set<String> PLAIN = Set.of("none", "null", "nil", "true", "false", "yes", "no", "on", "off",
            "undefined", "default", "secret", "password", "passwd", "token", "key", "string", "value", "n/a", "tbd",
            "empty", "test", "unset", "admin", "root", "guest");
    private static final Pattern REFERENCE = Pattern.compile(
            "(arn:aws[a-z-]*:(secretsmanager|ssm|kms):.*|(ssm|secretsmanager|vault|op|file|env|sm|awssm):.*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern URL = Pattern.compile("[a-z][a-z0-9+.-]*://([^/@\\s]*)@?.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("[a-z][a-z0-9+.-]*://[^/@\\s:]*:[^/@\\s]+@.*",
            Pattern.CASE_INSENSITIVE);
    /** A path, also one starting with a systemd specifier ({@code %d/key}: the credentials directory). */
    private static final Pattern PATH = Pattern.compile("(/|\\./|\\.\\./|~/|%[a-zA-Z]/)\\S*");
    private static final Pattern SHORT_NUMBER = Pattern.compile("[0-9]{1,7}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final int MIN_LENGTH = 4;

    private SecretValues() {
    }

    /** A value that, under a secret-looking name, is a secret sitting in the file. */
    static boolean isLiteral(String raw) {
        String v = raw == null ? "" : raw.strip();
        if (v.length() < MIN_LENGTH) {
            return false;
        }
        // Resolved by a shell, compose, systemd or a template engine: the secret is elsewhere.
        if (v.startsWith("$") || v.contains("${") || v.contains("{{") || v.contains("%(") || v.contains("#{")
                || v.contains("((") || TEMPLATE_VARIABLE.matcher(v).matches()) {
            return false;
        }
        if (v.startsWith("<") && v.endsWith(">")) {
            return false;
        }
        if (REFERENCE.matcher(v).matches() || PATH.matcher(v).matches() || SHORT_NUMBER.matcher(v).matches()
                || FILE_NAME.matcher(v).matches()) {
            return false;
        }
        if (URL.matcher(v).matches() && !URL_WITH_PASSWORD.matcher(v).matches()) {
            return false;
        }
        if (NOT_A_SECRET.matcher(v).matches()) {
            return false;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        return !PLAIN.contains(lower) && !looksPlaceholder(lower) && v.chars().distinct().count() > 1 && !isAlphabet(v);
    }

    /**
     * Text a person left to be filled in, anywhere in the value, or filler ({@code aaaaaa},
     * {@code 000000}).
     */
    static boolean looksPlaceholder(String value) {
        return mentionsPlaceholder(value) || REPEATED.matcher(value).find();
    }

    /** A placeholder word anywhere in the text (a PEM body may hold runs of one character). */
    static boolean mentionsPlaceholder(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return PLACEHOLDER_PARTS.stream().anyMatch(lower::contains);
    }

    /** A set of allowed characters ({@code abcdefghijklmnopqrstuvwxyz0123456789}) rather than a secret drawn from one. */
    private static boolean isAlphabet(String v) {
        int run = 1;
        for (int i = 1; i < v.length(); i++) {
            run = v.charAt(i) == v.charAt(i - 1) + 1 ? run + 1 : 1;
            if (run >= 8) {
                return true;
            }
        }
        return false;
    }

    /** Shannon entropy in bits per character. */
    static double entropy(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        Map<Integer, Integer> counts = new HashMap<>();
        s.chars().forEach(c -> counts.merge(c, 1, Integer::sum));
        double bits = 0;
        for (int n : counts.values()) {
            double p = (double) n / s.length();
            bits -= p * (Math.log(p) / Math.log(2));
        }
        return bits;
    }

    /**
     * Drawn by a generator rather than named by a person: random-looking, with letters and
     * digits mixed ({@code kubernetes.io/hostname} is neither).
     */
    static boolean looksGenerated(String s) {
        return isHighEntropy(s) && s.chars().anyMatch(Character::isDigit) && s.chars().anyMatch(Character::isLetter);
    }

    /**
     * Random enough to be a generated key: at least 16 characters and, like detect-secrets'
     * limits, 3.0 bits a character for hex (which tops out at 4) or 3.5 for anything else.
     */
    static boolean isHighEntropy(String s) {
        if (s.length() < 16) {
            return false;
        }
        double limit = HEX.matcher(s).matches() ? 3.0 : 3.5;
        return entropy(s) >= limit;
    }
}
