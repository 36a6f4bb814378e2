package io.credwatch.config;

import io.credwatch.fingerprint.SafeFingerprint;
import io.credwatch.net.IpRange;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The rules a parsed configuration must meet beyond its shape; the first broken one is reported. */
final class ConfigValidator {

    private static final Pattern ACCOUNT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final int MAX_RUNS_IN_A_ROW = 100;
    private static final Duration MAX_SCHEDULE = Duration.ofDays(365);
    private static final List<String> ORDINALS = List.of("1st", "2nd", "3rd");

    void validate(CredwatchConfig c) throws ConfigException {
        HttpConfig http = c.http();
        refuse("http.bind", BindAddress.problem(http.bind()));
        if (http.port() < 0 || http.port() > 65535) {
            throw new ConfigException("http.port", http.port() + " is not a port number (0-65535)");
        }
        filePath("http.tokenFile", http.tokenFile());
        validateLogLevel("logging.level", c.logging().level());
        for (var e : c.logging().levels().entrySet()) {
            validateLogLevel("logging.levels." + e.getKey(), e.getValue());
        }

        ChecksConfig checks = c.checks();
        AwsCredentialsCheckConfig aws = checks.awsCredentials();
        schedule("checks.aws-credentials", aws.interval(), aws.timeout(), aws);
        positive("checks.aws-credentials.criticalBefore", aws.criticalBefore());
        positive("checks.aws-credentials.maxKeyAge", aws.maxKeyAge());
        if (aws.warnBefore().compareTo(aws.criticalBefore()) < 0) {
            throw new ConfigException("checks.aws-credentials.warnBefore", DurationSyntax.format(aws.warnBefore())
                    + " is shorter than criticalBefore (" + DurationSyntax.format(aws.criticalBefore())
                    + "); a warning must come before the critical alert");
        }
        for (int i = 0; i < aws.services().size(); i++) {
            String s = aws.services().get(i);
            if (!List.of("secretsmanager", "ec2", "sts").contains(s)) {
                throw new ConfigException("checks.aws-credentials.services[" + i + "]",
                        "unknown service '" + s + "'; one of secretsmanager, ec2, sts");
            }
        }

        EgressIpCheckConfig egress = checks.egressIp();
        schedule("checks.egress-ip", egress.interval(), egress.timeout(), egress);
        if (egress.enabled() && egress.sources().isEmpty()) {
            throw new ConfigException("checks.egress-ip.sources",
                    "no source; list 'imds' and/or an echo URL such as https://checkip.amazonaws.com");
        }
        for (int i = 0; i < egress.sources().size(); i++) {
            String s = egress.sources().get(i);
            if (!EgressIpCheckConfig.IMDS.equals(s)) {
                refuse("checks.egress-ip.sources[" + i + "]", HttpUrls.requestProblem(s, "'imds' or an http(s) URL",
                        null));
            }
        }
        allowlist("checks.egress-ip.allowlist", egress.allowlist());
        positive("checks.egress-ip.changeWarnFor", egress.changeWarnFor());

        SecretsRotationCheckConfig rotation = checks.secretsRotation();
        schedule("checks.secrets-rotation", rotation.interval(), rotation.timeout(), rotation);
        for (var e : rotation.maxAge().entrySet()) {
            positive("checks.secrets-rotation.maxAge." + e.getKey().label(), e.getValue());
        }
        PlaintextSecretsCheckConfig plaintext = checks.plaintextSecrets();
        schedule("checks.plaintext-secrets", plaintext.interval(), plaintext.timeout(), plaintext);
        for (int i = 0; i < plaintext.paths().size(); i++) {
            glob("checks.plaintext-secrets.paths[" + i + "]", plaintext.paths().get(i));
        }
        for (int i = 0; i < plaintext.ignore().size(); i++) {
            try {
                IgnoreEntry.parse(plaintext.ignore().get(i));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("checks.plaintext-secrets.ignore[" + i + "]", e.getMessage());
            }
        }

        Set<String> ids = new HashSet<>();
        for (int i = 0; i < c.exchanges().size(); i++) {
            exchange("exchanges[" + i + "]", c.exchanges().get(i), ids);
        }

        positive("alerts.remindEvery", c.alerts().remindEvery());
        for (int i = 0; i < c.alerts().webhooks().size(); i++) {
            WebhookConfig w = c.alerts().webhooks().get(i);
            String at = "alerts.webhooks[" + i + "]";
            if (w.url() == null || w.url().isBlank()) {
                throw new ConfigException(at + ".url", "missing; the address to POST alerts to");
            }
            // Not quoted: a webhook URL's path is itself a secret (a Slack hook's token).
            refuse(at + ".url", HttpUrls.requestProblem(w.url(), "an http(s) URL with a host",
                    "a webhook URL's path is a secret"));
            if (!WebhookConfig.JSON.equals(w.format()) && !WebhookConfig.SLACK.equals(w.format())) {
                throw new ConfigException(at + ".format", "unknown format '" + w.format() + "'; one of json, slack");
            }
        }
    }

    private void exchange(String at, ExchangeAccountConfig a, Set<String> ids) throws ConfigException {
        if (a.id() == null || a.id().isBlank()) {
            throw new ConfigException(at + ".id", "missing; give the account a short name like cryptocom-main");
        }
        if (!ACCOUNT_ID.matcher(a.id()).matches()) {
            throw new ConfigException(at + ".id", "'" + a.id()
                    + "' is not a valid id; use lower-case letters, digits, '.', '_' and '-'");
        }
        if (!ids.add(a.id())) {
            throw new ConfigException(at + ".id", "'" + a.id() + "' is used by another account; ids must be unique");
        }
        if (a.type() == null) {
            throw new ConfigException(at + ".type", "missing; one of cryptocom, bybit, binance, kucoin, alpaca");
        }
        if (!a.baseUrl().isBlank()) {
            refuse(at + ".baseUrl", HttpUrls.baseProblem(a.baseUrl(),
                    "an http(s) URL, or empty for the exchange's production URL"));
        }
        schedule(at, a.interval(), a.timeout(), a);
        allowlist(at + ".allowlist", a.allowlist());
        CredentialSources creds = a.credentials();
        if (creds.isEmpty()) {
            throw new ConfigException(at + ".credentials",
                    "no source; give at least one of env, envFile, systemdCredential, secretsManager");
        }
        int parts = a.type().credentialParts();
        for (int j = 0; j < creds.env().size(); j++) {
            List<String> names = creds.env().get(j);
            String where = at + ".credentials.env[" + j + "]";
            if (names.size() != parts) {
                throw new ConfigException(where, parts == 3
                        ? "a kucoin key needs three variable names: [KEY, SECRET, PASSPHRASE]"
                        : "needs two variable names: [KEY, SECRET]");
            }
            for (int k = 0; k < names.size(); k++) {
                String name = names.get(k);
                // Not quoted: what stands here by mistake is most often the key or secret itself,
                // and an accepted name is shown wherever the account's sources are listed.
                if (name == null || !ENV_NAME.matcher(name).matches()) {
                    throw new ConfigException(where, "the " + ORDINALS.get(k) + " name is not an environment "
                            + "variable name (letters, digits and '_', not starting with a digit); write the "
                            + "variable's name there, never its value");
                }
                if (looksLikeAValue(name)) {
                    throw new ConfigException(where, "the " + ORDINALS.get(k) + " name looks like a key or secret "
                            + "rather than a variable's name; write the variable's name there, never its value");
                }
            }
        }
        filePath(at + ".credentials.envFile", creds.envFile());
        if (!creds.systemdCredential().isBlank() && creds.systemdCredential().contains("/")) {
            throw new ConfigException(at + ".credentials.systemdCredential",
                    "a credential name, not a path (the files are $CREDENTIALS_DIRECTORY/<name>.key and .secret)");
        }
        // The name becomes part of a file name: what no file name can hold, no credential has.
        if (!isPath(creds.systemdCredential())) {
            throw new ConfigException(at + ".credentials.systemdCredential", "not a valid credential name");
        }
        if (!a.expectedFingerprint().isBlank() && SafeFingerprint.expectedHash(a.expectedFingerprint()).isEmpty()) {
            // Not quoted: a key or secret pasted here by mistake must not reach the journal.
            throw new ConfigException(at + ".expectedFingerprint", "not a fingerprint; give the key's sha256 prefix "
                    + "(6 to 64 hex digits) or the line credwatch fingerprint prints");
        }
        positive(at + ".criticalBefore", a.criticalBefore());
        if (a.warnBefore().compareTo(a.criticalBefore()) < 0) {
            throw new ConfigException(at + ".warnBefore", DurationSyntax.format(a.warnBefore())
                    + " is shorter than criticalBefore " + DurationSyntax.format(a.criticalBefore()));
        }
        for (int j = 0; j < a.requiredPermissions().size(); j++) {
            String p = a.requiredPermissions().get(j);
            if (!List.of("read", "trade").contains(p)) {
                throw new ConfigException(at + ".requiredPermissions[" + j + "]",
                        "unknown permission '" + p + "'; one of read, trade");
            }
        }
    }

    /**
     * Variable names are words joined by '_' (BYBIT_API_SECRET); a long run of lower-case
     * letters and digits without one is what API keys and secrets look like.
     */
    static boolean looksLikeAValue(String name) {
        return name.length() >= 16 && name.indexOf('_') < 0 && name.chars().anyMatch(Character::isDigit)
                && name.chars().anyMatch(Character::isLowerCase);
    }

    private static void schedule(String at, Duration interval, Duration timeout, FlapCounts flap)
            throws ConfigException {
        runs(at + ".raiseAfter", flap.raiseAfter());
        runs(at + ".raiseDefinitiveAfter", flap.raiseDefinitiveAfter());
        runs(at + ".clearAfter", flap.clearAfter());
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new ConfigException(at + ".interval", DurationSyntax.format(interval) + " is too short; at least 1s");
        }
        positive(at + ".timeout", timeout);
        // The scheduler and the HTTP clients count these in nanoseconds, which overflow after 292
        // years: a check would run once and never again. A year is already far past any use.
        notLongerThan(at + ".interval", interval, MAX_SCHEDULE);
        notLongerThan(at + ".timeout", timeout, MAX_SCHEDULE);
    }

    /** A count of runs in a row: at least one, and few enough that a verdict still arrives the same day. */
    private static void runs(String at, Integer count) throws ConfigException {
        if (count != null && (count < 1 || count > MAX_RUNS_IN_A_ROW)) {
            throw new ConfigException(at, count + " is not a number of runs in a row (1-" + MAX_RUNS_IN_A_ROW + ")");
        }
    }

    private static void notLongerThan(String at, Duration d, Duration max) throws ConfigException {
        if (d.compareTo(max) > 0) {
            throw new ConfigException(at, DurationSyntax.format(d) + " is too long; at most " + DurationSyntax.format(max));
        }
    }

    private static void positive(String at, Duration d) throws ConfigException {
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException(at, "must be longer than zero");
        }
    }

    private static void allowlist(String at, List<String> entries) throws ConfigException {
        for (int i = 0; i < entries.size(); i++) {
            if (IpRange.parse(entries.get(i)).isEmpty()) {
                throw new ConfigException(at + "[" + i + "]", "'" + entries.get(i)
                        + "' is not an IP address or CIDR block (e.g. 203.0.113.7 or 203.0.113.0/24)");
            }
        }
    }

    /** As the scan expands it (secrets/PathGlobs): a path first, made absolute, then a glob. */
    private static void glob(String at, String glob) throws ConfigException {
        if (glob == null || glob.isBlank()) {
            throw new ConfigException(at, "empty; give a file, a directory or a glob such as /opt/app/deploy/*.json");
        }
        filePath(at, glob);
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + glob);
            FileSystems.getDefault().getPathMatcher("glob:" + Path.of(glob).toAbsolutePath().normalize());
        } catch (PatternSyntaxException e) {
            throw new ConfigException(at, "'" + glob + "' is not a valid glob: " + e.getDescription());
        }
    }

    /** Not quoted: what cannot be a path (a NUL in it) may well be something pasted that is not one. */
    private static void filePath(String at, String path) throws ConfigException {
        if (!isPath(path)) {
            throw new ConfigException(at, "not a valid file path");
        }
    }

    private static boolean isPath(String path) {
        try {
            Path.of(path);
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static void refuse(String at, Optional<String> problem) throws ConfigException {
        if (problem.isPresent()) {
            throw new ConfigException(at, problem.get());
        }
    }

    private static void validateLogLevel(String at, String level) throws ConfigException {
        if (!List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF").contains(level.toUpperCase(java.util.Locale.ROOT))) {
            throw new ConfigException(at, "unknown level '" + level + "'; one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
        }
    }
}
