package io.credwatch.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a variable or key name says it holds a secret: KEY, SECRET, PASSWORD, TOKEN,
 * PASSPHRASE as a word ({@code API_KEY}, {@code apiKey}, {@code DB_PASSWORD}), unless a later
 * word says the value is only about the secret ({@code TOKEN_URL}, {@code AWS_ACCESS_KEY_ID},
 * {@code DB_PASSWORD_FILE}, {@code KEY_ID_FIELD_NAME}) or the name is about a public key.
 *
 * <p>Whole words rather than substrings, as detect-secrets' keyword plugin does, so that
 * {@code MONKEY} or {@code KEYBOARD} is no secret.
 */
final class SecretNames {

    private static final Pattern KEY = Pattern.compile("(api|access|secret|private|signing|auth|client|master|"
            + "encryption|hmac|app|account|service|db|license)?key");
    private static final Pattern TOKEN = Pattern.compile("(access|auth|refresh|bearer|api|session|bot|id|slack|github|"
            + ")?token");
    private static final Set<String> CONTAINED = Set.of("secret", "password", "passwd", "passphrase");
    private static final Set<String> EXACT = Set.of("pwd", "pass", "apikey", "secretkey");
    private static final Set<String> PUBLIC = Set.of("public", "pub");
    /** A last word that makes the value a pointer to, or a property of, the secret. */
    private static final Set<String> ABOUT = Set.of("url", "uri", "endpoint", "host", "hostname", "port", "path",
            "file", "dir", "directory", "name", "names", "field", "id", "ids", "arn", "region", "type", "length", "len",
            "size", "ttl", "expiry", "expires", "expiration", "timeout", "header", "param", "enabled", "enable",
            "disabled", "version", "format", "alg", "algorithm", "count", "max", "min", "days", "hours", "seconds",
            "env", "var", "variable", "location", "ref", "source", "provider", "mode", "policy", "rotation", "store",
            "manager", "prefix", "label", "limit", "pattern", "regex", "kind", "scope", "scopes", "usage", "sha",
            "fingerprint", "hint", "prompt", "required", "placeholder");

    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern SEPARATORS = Pattern.compile("[^A-Za-z0-9]+");

    private SecretNames() {
    }

    static boolean looksSecret(String name) {
        List<String> words = words(name);
        int secretAt = -1;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (PUBLIC.contains(w)) {
                return false;
            }
            if (isSecretWord(w)) {
                secretAt = i;
            }
        }
        if (secretAt < 0) {
            return false;
        }
        return secretAt == words.size() - 1 || !ABOUT.contains(words.get(words.size() - 1));
    }

    private static boolean isSecretWord(String w) {
        if (EXACT.contains(w) || KEY.matcher(w).matches() || TOKEN.matcher(w).matches()) {
            return true;
        }
        return CONTAINED.stream().anyMatch(w::contains);
    }

    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        for (String part : SEPARATORS.split(name)) {
            for (String w : CAMEL.split(part)) {
                if (!w.isEmpty()) {
                    words.add(w.toLowerCase(Locale.ROOT));
                }
            }
        }
        return words;
    }
}
