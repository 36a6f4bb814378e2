package io.credwatch.config;

import static io.credwatch.config.ValueRules.allowlist;
import static io.credwatch.config.ValueRules.filePath;
import static io.credwatch.config.ValueRules.isPath;
import static io.credwatch.config.ValueRules.positive;
import static io.credwatch.config.ValueRules.refuse;
import static io.credwatch.config.ValueRules.schedule;

import io.credwatch.fingerprint.SafeFingerprint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code exchanges} list: each account's id, type, schedule, credential sources and expectations. */
final class ExchangeRules {

    private static final Pattern ACCOUNT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final List<String> ORDINALS = List.of("1st", "2nd", "3rd");
    private static final List<String> PERMISSIONS = List.of("read", "trade");
    /**
     * What systemd accepts in a unit name (systemd.unit(5)), '@' for a template's instance and
     * '\' for its escapes (\x2d); no leading '-', which systemctl would take for an option.
     */
    private static final Pattern UNIT_NAME = Pattern.compile("[A-Za-z0-9:_.@\\\\][A-Za-z0-9:_.@\\\\-]{0,255}");
    private static final int MOST_CALLS_PER_HOUR = 3600;
    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

    private ExchangeRules() {
    }

    static void validate(List<ExchangeAccountConfig> exchanges) throws ConfigException {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < exchanges.size(); i++) {
            exchange("exchanges[" + i + "]", exchanges.get(i), ids);
        }
    }

    private static void exchange(String at, ExchangeAccountConfig a, Set<String> ids) throws ConfigException {
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
        keyType(at + ".keyType", a.type(), a.keyType());
        if (!a.baseUrl().isBlank()) {
            refuse(at + ".baseUrl", HttpUrls.baseProblem(a.baseUrl(),
                    "an http(s) URL, or empty for the exchange's production URL"));
        }
        schedule(at, a.interval(), a.timeout(), a);
        allowlist(at + ".allowlist", a.allowlist());
        credentials(at + ".credentials", a.credentials(), a.type().credentialParts());
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
        for (int j = 0; j < a.consumers().size(); j++) {
            consumer(at + ".consumers[" + j + "]", a.consumers().get(j));
        }
        callBudget(at, a);
        for (int j = 0; j < a.requiredPermissions().size(); j++) {
            String p = a.requiredPermissions().get(j);
            if (!PERMISSIONS.contains(p)) {
                throw new ConfigException(at + ".requiredPermissions[" + j + "]",
                        "unknown permission '" + p + "'; one of read, trade");
            }
        }
    }

    /**
     * A budget the schedule alone would spend is refused rather than met at run time, where the
     * check would skip runs the operator asked for, every hour, without a word at start. At the
     * exact edge (60 an hour, one call every minute) a run that jitter brings early may still
     * find the budget spent now and then, and keep the last verdict for that once.
     */
    private static void callBudget(String at, ExchangeAccountConfig a) throws ConfigException {
        int budget = a.maxPrivateCallsPerHour();
        if (budget < 1 || budget > MOST_CALLS_PER_HOUR) {
            throw new ConfigException(at + ".maxPrivateCallsPerHour", budget
                    + " is not a number of signed calls an hour (1-" + MOST_CALLS_PER_HOUR + ")");
        }
        int perRun = a.type().signedCallsPerRun();
        if (budget < perRun) {
            throw new ConfigException(at + ".maxPrivateCallsPerHour", budget + " is fewer than the " + perRun
                    + " signed calls one run of a " + a.type().label() + " account makes; raise it to at least "
                    + perRun);
        }
        long needed = scheduledCallsPerHour(perRun, a.interval());
        if (needed > budget) {
            Duration shortest = Duration.ofSeconds(ceilDiv(ceilDiv(perRun * HOUR_MILLIS, budget), 1000));
            throw new ConfigException(at + ".maxPrivateCallsPerHour", budget + " is fewer than the " + needed
                    + " signed calls an hour that interval " + DurationSyntax.format(a.interval()) + " makes ("
                    + perRun + " a run); "
                    + (needed <= MOST_CALLS_PER_HOUR ? "raise it to " + needed + " or " : "")
                    + "make the interval at least " + DurationSyntax.format(shortest));
        }
    }

    /** Signed calls in an hour of scheduled runs, at least one run's worth. */
    static long scheduledCallsPerHour(int perRun, Duration interval) {
        return Math.max(perRun, ceilDiv(perRun * HOUR_MILLIS, Math.max(1, interval.toMillis())));
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /**
     * Refused here like any other setting that cannot work: the key could never sign a request
     * this exchange accepts, on any host. The check reports the same combination as
     * {@code CRITICAL INVALID_CREDENTIALS} should a configuration reach it another way.
     */
    private static void keyType(String at, ExchangeType type, KeyType keyType) throws ConfigException {
        if (!type.keyTypes().contains(keyType)) {
            throw new ConfigException(at, type.label() + " does not take " + keyType.label() + " keys; it takes "
                    + String.join(", ", type.keyTypes().stream().map(KeyType::label).toList()));
        }
    }

    private static void credentials(String at, CredentialSources creds, int parts) throws ConfigException {
        if (creds.isEmpty()) {
            throw new ConfigException(at,
                    "no source; give at least one of env, envFile, systemdCredential, secretsManager");
        }
        for (int j = 0; j < creds.env().size(); j++) {
            envNames(at + ".env[" + j + "]", creds.env().get(j), parts);
        }
        filePath(at + ".envFile", creds.envFile());
        if (!creds.systemdCredential().isBlank() && creds.systemdCredential().contains("/")) {
            throw new ConfigException(at + ".systemdCredential",
                    "a credential name, not a path (the files are $CREDENTIALS_DIRECTORY/<name>.key and .secret)");
        }
        // The name becomes part of a file name: what no file name can hold, no credential has.
        if (!isPath(creds.systemdCredential())) {
            throw new ConfigException(at + ".systemdCredential", "not a valid credential name");
        }
    }

    private static void consumer(String at, ConsumerConfig c) throws ConfigException {
        if (c.unit().isEmpty() == c.pidFile().isEmpty()) {
            throw new ConfigException(at, (c.isUnit() ? "both unit and pidFile; give one: " : "neither unit nor "
                    + "pidFile; give one: ") + "unit (a systemd service such as mm-bot.service) or pidFile (the "
                    + "absolute path of the file holding the process's PID)");
        }
        if (c.isUnit()) {
            // Not quoted when malformed: what stands there by mistake may be anything.
            if (!UNIT_NAME.matcher(c.unit()).matches() || c.unit().startsWith(".")) {
                throw new ConfigException(at + ".unit", "not a systemd unit name; give a service such as "
                        + "mm-bot.service");
            }
            for (String type : ConsumerConfig.OTHER_UNIT_TYPES) {
                if (c.unit().endsWith(type)) {
                    throw new ConfigException(at + ".unit", "'" + c.unit() + "' is not a service and has no process "
                            + "of its own; name the .service that uses the key");
                }
            }
            if (c.service().startsWith("@") || c.service().endsWith("@" + ConsumerConfig.SERVICE_SUFFIX)) {
                throw new ConfigException(at + ".unit", "'" + c.unit() + "' is a template; name the instance that "
                        + "uses the key, such as mm-bot@bybit.service");
            }
            return;
        }
        filePath(at + ".pidFile", c.pidFile());
        if (!Path.of(c.pidFile()).isAbsolute()) {
            throw new ConfigException(at + ".pidFile", "not an absolute path; give the full path, such as "
                    + "/run/mm-bot.pid");
        }
    }

    private static void envNames(String at, List<String> names, int parts) throws ConfigException {
        if (names.size() != parts) {
            throw new ConfigException(at, parts == 3
                    ? "a kucoin key needs three variable names: [KEY, SECRET, PASSPHRASE]"
                    : "needs two variable names: [KEY, SECRET]");
        }
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            // Not quoted: what stands here by mistake is most often the key or secret itself,
            // and an accepted name is shown wherever the account's sources are listed.
            if (name == null || !ENV_NAME.matcher(name).matches()) {
                throw new ConfigException(at, "the " + ORDINALS.get(k) + " name is not an environment "
                        + "variable name (letters, digits and '_', not starting with a digit); write the "
                        + "variable's name there, never its value");
            }
            if (looksLikeAValue(name)) {
                throw new ConfigException(at, "the " + ORDINALS.get(k) + " name looks like a key or secret "
                        + "rather than a variable's name; write the variable's name there, never its value");
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
}
