package io.credwatch.exchange;

import io.credwatch.check.Category;
import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckResult;
import io.credwatch.check.CredentialKind;
import io.credwatch.check.Expiry;
import io.credwatch.check.ExpiryPolicy;
import io.credwatch.check.Finding;
import io.credwatch.check.ScheduledCheck;
import io.credwatch.check.Status;
import io.credwatch.check.Subject;
import io.credwatch.check.Tolerance;
import io.credwatch.config.Environment;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.config.KeyType;
import io.credwatch.config.SecretEnvironment;
import io.credwatch.credential.ApiCredentials;
import io.credwatch.credential.CredentialResolution;
import io.credwatch.credential.CredentialResolver;
import io.credwatch.credential.KeyReading;
import io.credwatch.credential.SourceAttempt;
import io.credwatch.egress.CurrentEgressIp;
import io.credwatch.fingerprint.SafeFingerprint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code exchange:<account>}: does this account's key, resolved exactly as the bots resolve
 * it, still authenticate from this host, and what will stop it next (the IP, the expiry, the
 * clock)? Read-only calls only. In the LOCAL context no signature is built: only the public
 * call runs.
 */
public final class ExchangeCheck extends ScheduledCheck {

    public static final String TYPE = "exchange";
    /** A run is the time call, the signed call(s) and their retries: three attempts' worth in all. */
    static final int ATTEMPTS_PER_RUN = 3;
    static final String LOCAL_SUMMARY = "LOCAL mode: private endpoints are checked only in the AWS context";

    private final ExchangeAccountConfig config;
    private final String account;
    private final CredentialResolver credentials;
    private final ExchangeProbe probe;
    private final CurrentEgressIp egressIp;
    private final boolean signedCalls;
    private final ExpiryPolicy expiry;
    private final Environment environment;
    private final KeyUseFindings keyUse;

    /** Checked on its own: no consumers asked after, no other account's key compared. */
    public ExchangeCheck(ExchangeAccountConfig config, String account, CredentialResolver credentials,
                         ExchangeProbe probe, CurrentEgressIp egressIp, boolean signedCalls,
                         Environment environment) {
        this(config, account, credentials, probe, egressIp, signedCalls, environment,
                KeyUseFindings.alone(config, environment));
    }

    /**
     * @param account     where the account sits in the configuration, e.g. {@code exchanges[0]}
     * @param signedCalls false in the LOCAL execution context: only the public call is made
     * @param environment this host's: a Secrets Manager source of another environment is refused
     * @param keyUse      what the host's consumers and other accounts make of the key
     */
    public ExchangeCheck(ExchangeAccountConfig config, String account, CredentialResolver credentials,
                         ExchangeProbe probe, CurrentEgressIp egressIp, boolean signedCalls,
                         Environment environment, KeyUseFindings keyUse) {
        super(config.checkId(), TYPE, config.interval(), config.timeout().multipliedBy(ATTEMPTS_PER_RUN),
                Tolerance.of(config.raiseAfter(), config.raiseDefinitiveAfter(), config.clearAfter()));
        this.config = config;
        this.account = account;
        this.credentials = credentials;
        this.probe = probe;
        this.egressIp = egressIp;
        this.signedCalls = signedCalls;
        this.expiry = new ExpiryPolicy(config.warnBefore(), config.criticalBefore());
        this.environment = environment;
        this.keyUse = keyUse;
    }

    @Override
    public CheckResult run(CheckContext context) throws InterruptedException {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("exchange", config.type().label());
        // Judged from the name before anything is read; the source itself refuses to read it.
        Optional<Finding> foreign = foreignSecret();
        CredentialResolution resolution = credentials.resolve(context.deadline());
        details.put("sourcesTried", resolution.shown());
        Optional<SourceAttempt> winner = resolution.winner();
        if (winner.isEmpty()) {
            keyUse.noKey();
            return (foreign.isPresent() ? Finding.worst(foreign.get(), List.of(noKey(resolution)), details)
                    : Finding.worst(noKey(resolution), List.of(), details)).withSubject(about(""));
        }
        ApiCredentials found = winner.get().credentials().orElseThrow();
        SafeFingerprint fingerprint = found.keyFingerprint();
        String key = fingerprint.toString();
        Subject subject = about(fingerprint.sha256Prefix());
        details.put("source", winner.get().source());
        details.put("names", winner.get().names());
        details.put("keyFingerprint", key);
        KeyReading reading = found.signingWith(config.keyType());
        putSigningDetails(found, reading, details);

        List<Finding> findings = new ArrayList<>();
        foreign.ifPresent(findings::add);
        if (!config.expectedFingerprint().isBlank()) {
            details.put("expectedFingerprint", config.expectedFingerprint());
            if (!fingerprint.matches(config.expectedFingerprint())) {
                findings.add(new Finding(Status.CRITICAL, Category.FINGERPRINT_MISMATCH, "key " + key + " from "
                        + winner.get().source() + " is not the expected " + config.expectedFingerprint(),
                        "this host loads a different key than " + account + ".expectedFingerprint says: deploy the "
                                + "intended pair to " + winner.get().source() + ", or update expectedFingerprint "
                                + "if the key was rotated on purpose"));
            }
        }
        findings.addAll(keyUse.judge(credentials.source(winner.get()).orElseThrow(), fingerprint, context, details));
        Optional<Finding> unusable = unusable(reading, winner.get().source());
        if (unusable.isPresent()) {
            // Judged on this host alone: no request could be signed with this key, so none is sent.
            findings.add(unusable.get());
            return Finding.worst(findings.get(0), findings.subList(1, findings.size()), details).withSubject(subject);
        }
        ApiCredentials pair = reading.ready().orElseThrow();
        if (!signedCalls) {
            ProbeOutcome outcome = probe.probePublic(context.deadline());
            putProbeDetails(outcome, details);
            details.put("privateCalls", false);
            KeyVerdict verdict = verdict(Optional.empty(), key, context);
            Finding reached = switch (outcome.category()) {
                case NONE -> new Finding(Status.OK, Category.SKIPPED_LOCAL, LOCAL_SUMMARY, "");
                case RATE_LIMITED -> verdict.rateLimited(outcome);
                default -> verdict.unreachable(outcome);
            };
            return Finding.worst(reached, findings, details).withSubject(subject).withRetryAt(retryAt(outcome));
        }

        Optional<String> ip = egressIp.current();
        details.put("egressIp", ip.orElse("unknown"));
        KeyVerdict verdict = verdict(ip, key, context);
        ProbeOutcome outcome = probe.probe(pair, context.deadline());
        if (outcome.category() == Category.CALL_BUDGET_SPENT) {
            return budgetSpent(outcome, findings, details, subject);
        }
        putProbeDetails(outcome, details);
        if (!outcome.authenticated()) {
            // A mismatch found above explains a refusal, so it stays first and heads the result on a tie.
            findings.add(verdict.refused(outcome));
            return Finding.worst(findings.get(0), findings.subList(1, findings.size()), details).withSubject(subject)
                    .withRetryAt(retryAt(outcome));
        }
        findings.addAll(verdict.accepted(outcome, expiry));
        CheckResult result = Finding.worst(Finding.ok(authenticated(outcome, key, ip)), findings, details)
                .withSubject(subject).withRetryAt(retryAt(outcome));
        return outcome.keyExpiresAt()
                .map(at -> result.withExpiry(new Expiry(CredentialKind.EXCHANGE_KEY, config.id(), at, false)))
                .orElse(result);
    }

    /**
     * No signed call was sent: the account's budget for the hour is spent. That is credwatch's
     * own restraint, not news about the key, so the last verdict stands (with when the budget
     * frees); only what was found without asking (a wrong key deployed) still reports as usual.
     */
    private CheckResult budgetSpent(ProbeOutcome outcome, List<Finding> findings, Map<String, Object> details,
                                    Subject subject) {
        // In credwatch's own words: the outcome's message is redacted as an exchange's would be.
        String said = "no request sent: the " + config.maxPrivateCallsPerHour() + " signed calls an hour that "
                + account + ".maxPrivateCallsPerHour allows are spent" + outcome.retryAt()
                .map(at -> "; the next is allowed at " + at).orElse("");
        details.put("callBudget", said);
        Finding spent = new Finding(Status.UNKNOWN, Category.CALL_BUDGET_SPENT, said,
                "runs on demand (or reloads) used up the hour's budget; scheduled runs go on once it frees. Raise "
                        + account + ".maxPrivateCallsPerHour if this account needs more");
        CheckResult result = Finding.worst(spent, findings, details).withSubject(subject)
                .withRetryAt(retryAt(outcome));
        return findings.isEmpty() ? result.keepingVerdict() : result;
    }

    private static Instant retryAt(ProbeOutcome outcome) {
        return outcome.retryAt().orElse(null);
    }

    /** Whose key this is, for the faces: the exchange, the account, this host's environment, the key's hash prefix. */
    private Subject about(String keyHash) {
        return new Subject(config.type().label(), config.id(), environment.label(), keyHash);
    }

    /** A prod host reading {@code mm-bot/dev/...}: one environment's keys must never serve another. */
    private Optional<Finding> foreignSecret() {
        return SecretEnvironment.foreignTo(environment, config.credentials().secretsManager())
                .map(f -> new Finding(Status.CRITICAL, Category.ENVIRONMENT_MIXED,
                        f.summary(account + ".credentials.secretsManager"), f.remediation()));
    }

    /**
     * Why the key this host holds cannot sign for the account at all: a key type the exchange
     * does not take (the validator refuses it; a configuration built another way meets it here),
     * or a private key whose PEM does not parse. Empty when the key can sign.
     */
    private Optional<Finding> unusable(KeyReading reading, String source) {
        KeyType keyType = config.keyType();
        String exchange = config.type().displayName();
        String accepted = String.join(", ", config.type().keyTypes().stream().map(KeyType::label).toList());
        if (!config.type().keyTypes().contains(keyType)) {
            return Optional.of(new Finding(Status.CRITICAL, Category.INVALID_CREDENTIALS, exchange + " does not take "
                    + keyType.label() + " keys (" + account + ".keyType); it takes " + accepted,
                    "set " + account + ".keyType to the type of the key registered at " + exchange));
        }
        if (reading.usable()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Status.CRITICAL, Category.INVALID_CREDENTIALS, reading.problem() + " (from "
                + source + ")", "put the " + keyType.label() + " private key whose public half is registered at "
                + exchange + " in " + source + ", whole and unencrypted, as PKCS#8 PEM (-----BEGIN PRIVATE KEY-----; "
                + "openssl pkcs8 -topk8 -nocrypt converts other forms); the bots reading it fail the same way"));
    }

    private KeyVerdict verdict(Optional<String> ip, String key, CheckContext context) {
        return new KeyVerdict(config, account, key, ip, context.now());
    }

    private String authenticated(ProbeOutcome outcome, String key, Optional<String> ip) {
        StringBuilder s = new StringBuilder("key " + key + " authenticates on " + config.type().displayName());
        ip.ifPresent(i -> s.append(" from ").append(i));
        if (!outcome.permissions().normalized().isEmpty()) {
            s.append("; may ").append(String.join(", ", outcome.permissions().normalized().stream()
                    .sorted().map(p -> p.name().toLowerCase(Locale.ROOT)).toList()));
        }
        return s.toString();
    }

    private Finding noKey(CredentialResolution resolution) {
        Optional<SourceAttempt> half = resolution.incomplete();
        if (half.isPresent()) {
            return new Finding(Status.CRITICAL, Category.NO_CREDENTIALS, "half a key pair in " + half.get().source()
                    + ": " + half.get().reason(), "set the key and its secret together in " + half.get().source()
                    + " (the bots fail on this half pair as well)");
        }
        List<String> failed = resolution.attempts().stream()
                .filter(a -> a.outcome() == SourceAttempt.Outcome.FAILED)
                .map(a -> a.source() + ": " + a.reason()).toList();
        if (!failed.isEmpty()) {
            return new Finding(Status.CRITICAL, Category.NO_CREDENTIALS, "no " + config.type().displayName()
                    + " key could be read: " + String.join("; ", failed), "fix the source named above; "
                    + "the bots reading it fail the same way");
        }
        return new Finding(Status.CRITICAL, Category.NO_CREDENTIALS, "no " + config.type().displayName()
                + " key in any source: " + String.join("; ", resolution.attempts().stream()
                .map(a -> a.source() + " (" + a.reason() + ")").toList()),
                "put the key and secret where the bots read them (" + account + ".credentials lists the places "
                        + "tried, in order)");
    }

    /** What signs: the key type, and the fingerprint of the secret or, for a private key, of its public half. */
    private void putSigningDetails(ApiCredentials found, KeyReading reading, Map<String, Object> details) {
        details.put("keyType", config.keyType().label());
        if (!config.keyType().asymmetric()) {
            details.put("secretFingerprint", SafeFingerprint.ofSecret(found.secret()).toString());
        }
        reading.ready().flatMap(ApiCredentials::signingKey).ifPresent(signing ->
                details.put("publicKeyFingerprint", signing.publicKeyFingerprint().toString()));
    }

    private static void putProbeDetails(ProbeOutcome outcome, Map<String, Object> details) {
        outcome.clockOffset().ifPresent(o -> details.put("clockOffsetMillis", o.toMillis()));
        if (!outcome.errorCode().isEmpty()) {
            details.put("errorCode", outcome.errorCode());
        }
        if (outcome.httpStatus() != 0) {
            details.put("httpStatus", outcome.httpStatus());
        }
        if (!outcome.message().isEmpty()) {
            details.put("message", outcome.message());
        }
        KeyPermissions p = outcome.permissions();
        if (p.source() != KeyPermissions.Source.UNKNOWN) {
            details.put("permissions", p.normalized().stream().sorted().map(Enum::name).toList());
            details.put("permissionsAsReported", p.raw());
            details.put("permissionsSource", p.source().name());
        }
        outcome.ipRestricted().ifPresent(r -> details.put("ipRestricted", r));
        if (!outcome.boundIps().isEmpty()) {
            details.put("boundIps", outcome.boundIps());
        }
        outcome.keyExpiresAt().ifPresent(at -> details.put("keyExpiresAt", at.toString()));
        outcome.account().ifPresent(a -> details.put("accountStatus", a.status()));
        outcome.environmentMismatch().ifPresent(m -> details.put("environment", m));
    }
}
