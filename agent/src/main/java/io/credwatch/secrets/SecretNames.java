package io.credwatch.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a variable or key name says it holds a secret: KEY, SECRET, PASSWORD, TOKEN,
 * PASSPHRASE, CREDENTIALS, CREDS, AUTH, PASS, PWD as a word ({@code API_KEY}, {@code apiKey},
 * {@code DB_PASSWORD}, {@code token1}), unless a later word says the value is only about the
 * secret ({@code TOKEN_URL}, {@code AWS_ACCESS_KEY_ID}, {@code DB_PASSWORD_FILE},
 * {@code KEY_ID_FIELD_NAME}, {@code keyPair}), the name is about a public key, or the key is a
 * database's or a map's ({@code foreignKey}, {@code primary_key}, {@code bucket_key}).
 *
 * <p>Whole words rather than substrings, as detect-secrets' keyword plugin does, so that
 * {@code MONKEY} or {@code KEYBOARD} is no secret.
 */
final class SecretNames {

    private static final Pattern KEY = Pattern.compile("(api|access|secret|private|signing|auth|client|master|"
            + "encryption|hmac|app|account|service|db|license)?key");
    private static final Pattern TOKEN = Pattern.compile("(access|auth|refresh|bearer|api|session|bot|id|slack|github|"
            + ")?token");
    private static final Set<String> CONTAINED = Set.of("secret", "password", "passwd", "passphrase", "credential");
    private static final Set<String> EXACT = Set.of("pwd", "pswd", "pass", "apikey", "secretkey", "creds", "auth",
            "authtoken", "accesstoken", "pat", "authorization");
    private static final Set<String> PUBLIC = Set.of("public", "pub", "publishable");
    /** A first word that makes a following "key" a database, cache or map key, not a credential. */
    private static final Set<String> NOT_A_CREDENTIAL_KEY = Set.of("foreign", "primary", "schema", "bucket", "sort",
            "partition", "hash", "range", "cache", "object", "map", "routing", "idempotency", "unique", "composite",
            "index", "lookup", "dedup", "dedupe", "row", "column", "table", "group", "item", "entity", "shard", "order",
            "field", "json", "dict", "redis", "registry", "s3", "translation", "i18n", "message", "sequence", "natural",
            "surrogate", "candidate", "compound", "unicode", "keyboard", "hot", "shortcut", "sorting", "join", "lock",
            "dynamo", "dynamodb", "blob", "file", "metadata", "label", "tag", "config", "setting",
            "property", "prop", "attribute", "attr", "cursor", "page", "pagination", "kms");
    /** A last word that makes the value a pointer to, or a property of, the secret. */
    private static final Set<String> ABOUT = Set.of("url", "uri", "endpoint", "host", "hostname", "port", "path", "file", "dir",
            "directory", "name", "names", "field", "id", "ids", "arn", "region", "type", "length", "len", "size", "ttl", "expiry",
            "expires", "expiration", "timeout", "header", "param", "enabled", "enable", "disabled", "version",
            "format", "alg", "algorithm", "count", "max", "min", "days", "hours", "seconds", "env", "var",
            "variable", "location", "ref", "source", "provider", "mode", "policy", "rotation", "store",
            "manager", "prefix", "label", "limit", "pattern", "regex", "kind", "scope", "scopes", "usage",
            "sha", "fingerprint", "hint", "prompt", "required", "placeholder", "pair", "pairs", "method",
            "methods", "user", "username", "login", "email", "helper", "process", "chars", "charset",
            "characters", "alphabet", "class", "mechanism", "scheme", "strategy", "backend", "plugin", "realm",
            "issuer", "audience", "server", "servers", "policies", "role", "roles", "rules", "rule", "level",
            "mount", "command", "cmd", "key", "keys", "spec", "schema", "complexity", "reset", "hash",
            "hashed", "digest", "rounds", "cost", "strength", "validation", "validator", "requirements",
            "changed", "updated", "created", "at", "on", "date", "time", "timestamp", "age", "period",
            "interval", "attempts", "retries", "alias", "aliases", "domain", "domains", "tenant", "redirect", "callback", "client", "grant", "flow", "lifetime", "duration", "refs");

    private static final Set<String> PASSWORD_WORDS = Set.of("pass", "pwd", "pswd", "passphrase");
    private static final Set<String> SYSTEMD_CREDENTIAL = Set.of("load", "import", "systemd");
    private static final Pattern TRAILING_DIGITS = Pattern.compile("(?<=[a-z])[0-9]+$");
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern SEPARATORS = Pattern.compile("[^A-Za-z0-9]+");

    private SecretNames() {
    }

    static boolean looksSecret(String name) {
        List<String> words = words(name);
        // systemd's LoadCredential=, ImportCredential= (and credwatch's systemdCredential) name a credential file.
        if (!words.isEmpty() && SYSTEMD_CREDENTIAL.contains(words.get(0)) && words.stream().anyMatch(w -> w.startsWith("credential"))) {
            return false;
        }
        int secretAt = -1;
        for (int i = 0; i < words.size(); i++) {
            // Numbered copies (TOKEN1, password2) name secrets as much as the word does.
            String w = TRAILING_DIGITS.matcher(words.get(i)).replaceFirst("");
            if (PUBLIC.contains(w)) {
                return false;
            }
            if (("key".equals(w) || "keys".equals(w)) && i > 0 && NOT_A_CREDENTIAL_KEY.contains(words.get(i - 1))) {
                continue;
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

    /**
     * Just {@code key}: in YAML it is as often a label, a toleration or a map entry's key
     * ({@code key: app}) as a credential, so only a random-looking value makes it one.
     */
    static boolean isBareKey(String name) {
        List<String> words = words(name);
        return words.size() == 1 && (words.get(0).equals("key") || words.get(0).equals("keys"));
    }

    /**
     * A name whose only secret word is AUTH: {@code auth: ldap} says how one logs in as often
     * as {@code AUTH=...} holds how.
     */
    static boolean onlyAuth(String name) {
        List<String> secretWords = words(name).stream().map(w -> TRAILING_DIGITS.matcher(w).replaceFirst(""))
                .filter(SecretNames::isSecretWord).toList();
        return !secretWords.isEmpty() && secretWords.stream().allMatch("auth"::equals);
    }

    /** A secret name whose value a person chooses (a password), rather than a generated key. */
    static boolean isPasswordName(String name) {
        return looksSecret(name) && words(name).stream().map(w -> TRAILING_DIGITS.matcher(w).replaceFirst(""))
                .anyMatch(w -> PASSWORD_WORDS.contains(w) || w.contains("password") || w.contains("passwd"));
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
