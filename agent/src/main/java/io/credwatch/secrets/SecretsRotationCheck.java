package io.credwatch.secrets;

import io.credwatch.awsclient.AwsFailure;
import io.credwatch.check.Category;
import io.credwatch.check.ScheduledCheck;
import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckResult;
import io.credwatch.check.Status;
import io.credwatch.check.Tolerance;
import io.credwatch.config.Environment;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.config.SecretEnvironment;
import io.credwatch.config.SecretsRotationCheckConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code secrets-rotation}: are the Secrets Manager secrets this host is configured with
 * (explicit names and every secret under a prefix) still there, readable by this host's role,
 * of this host's environment, and rotated within the environment's maximum age?
 *
 * <p>Only metadata is asked for (DescribeSecret, ListSecrets): a rotation check has no
 * business holding a value. Names of another environment, the exchange accounts'
 * {@code credentials.secretsManager} among them, are refused from the names alone, before any
 * call: no part of credwatch reads another environment's secret (issue 21), so one key stored
 * under two environments cannot be seen from a host of either, and is not looked for.
 */
public final class SecretsRotationCheck extends ScheduledCheck {

    public static final String ID = "secrets-rotation";
    /** No single call may take the whole budget: the later ones still need some. */
    private static final Duration CALL_BOUND = Duration.ofSeconds(10);

    private final SecretsRotationCheckConfig config;
    private final Environment environment;
    private final Supplier<SecretsManagerClient> client;
    private final List<ExchangeAccountConfig> accounts;

    /**
     * @param environment the host's ({@code agent.environment}): it picks the maximum age and
     *                    is the one environment whose secrets this host may use
     * @param client      built on first use and shared; the check never closes it
     * @param accounts    every exchange account, in configuration order: their secrets' names are judged too
     */
    public SecretsRotationCheck(SecretsRotationCheckConfig config, Environment environment,
                                Supplier<SecretsManagerClient> client, List<ExchangeAccountConfig> accounts) {
        super(ID, ID, config.interval(), config.timeout(),
                Tolerance.of(config.raiseAfter(), config.raiseDefinitiveAfter(), config.clearAfter()));
        this.config = config;
        this.environment = environment;
        this.client = client;
        this.accounts = List.copyOf(accounts);
    }

    /**
     * Whether there is anything to watch: names, a prefix, or an enabled account's secret of
     * another environment. Without any, an always-OK check would only be noise.
     */
    public static boolean watches(SecretsRotationCheckConfig config, Environment environment,
                                  List<ExchangeAccountConfig> accounts) {
        return config.configured() || !accountSecretsOfAnotherEnvironment(environment, accounts).isEmpty();
    }

    /**
     * By where each is configured ({@code exchanges[1].credentials.secretsManager}). Disabled
     * accounts are left out: credwatch neither reads nor checks them.
     */
    private static Map<String, SecretEnvironment.Foreign> accountSecretsOfAnotherEnvironment(
            Environment environment, List<ExchangeAccountConfig> accounts) {
        Map<String, SecretEnvironment.Foreign> foreign = new LinkedHashMap<>();
        for (int i = 0; i < accounts.size(); i++) {
            ExchangeAccountConfig a = accounts.get(i);
            if (a.enabled()) {
                String field = "exchanges[" + i + "].credentials.secretsManager";
                SecretEnvironment.foreignTo(environment, a.credentials().secretsManager())
                        .ifPresent(f -> foreign.put(field, f));
            }
        }
        return foreign;
    }

    /** What a run has gathered so far. */
    private final class Run {
        final CheckContext context;
        final SecretsManagerLookup lookup;
        final RotationReview review;
        /** Findings about one secret, the prefix or the service; the run reports the worst and lists the rest. */
        final List<CheckResult> outcomes = new ArrayList<>();
        final List<Map<String, Object>> rows = new ArrayList<>();
        final List<String> unused = new ArrayList<>();
        final List<String> missing = new ArrayList<>();
        final List<String> notAsked = new ArrayList<>();
        final Set<String> reviewed = new HashSet<>();
        /** Set once Secrets Manager did not answer, or time ran out: later calls would only wait as long. */
        boolean stopped;

        Run(CheckContext context) {
            this.context = context;
            // The SDK signs with the system clock, so a skew AWS complains of is measured against
            // that one, not against the run's clock (which tests move by hand to age secrets).
            this.lookup = new SecretsManagerLookup(client, Clock.systemUTC());
            this.review = new RotationReview(environment, maxAge());
        }

        boolean mayCall(String subject) {
            if (!stopped && context.remaining().isZero()) {
                stopped = true;
                outcomes.add(CheckResult.unknown(Category.TIMEOUT, "out of time before asking about "
                        + subject, "raise checks.secrets-rotation.timeout (" + config.timeout().toSeconds() + "s)"));
            }
            if (stopped) {
                notAsked.add(subject);
            }
            return !stopped;
        }

        void failed(AwsFailure failure, String action, String subject, String resource) {
            outcomes.add(SecretsRotationCheck.failed(failure, action, subject, resource));
            stopped |= failure.category() == Category.TIMEOUT || failure.category() == Category.UNAVAILABLE;
        }

        void review(SecretMetadata secret) {
            if (!reviewed.add(secret.name())) {
                return;
            }
            RotationReview.Verdict v = review.review(secret, context.now());
            rows.add(v.details());
            v.unused().ifPresent(u -> unused.add(secret.name() + ": " + u));
            if (v.status() != Status.OK) {
                outcomes.add(new CheckResult(v.status(), v.category(), v.summary(), v.remediation(), Map.of()));
            }
        }
    }

    @Override
    public CheckResult run(CheckContext context) throws InterruptedException {
        Run run = new Run(context);
        // Decided from the names alone, before any call: another environment's secret is not even described.
        List<String> names = new ArrayList<>();
        for (String name : config.names()) {
            Optional<SecretEnvironment.Foreign> foreign = SecretEnvironment.foreignTo(environment, name);
            foreign.ifPresent(f -> run.outcomes.add(mixed(f, "checks.secrets-rotation.names")));
            if (foreign.isEmpty()) {
                names.add(name);
            }
        }
        String prefix = config.prefix();
        boolean listPrefix = !prefix.isBlank();
        Optional<SecretEnvironment.Foreign> prefixForeign = listPrefix
                ? SecretEnvironment.foreignTo(environment, prefix) : Optional.empty();
        prefixForeign.ifPresent(f -> run.outcomes.add(mixed(f, "checks.secrets-rotation.prefix")));
        listPrefix &= prefixForeign.isEmpty();
        accountSecretsOfAnotherEnvironment(environment, accounts)
                .forEach((field, f) -> run.outcomes.add(mixed(f, field)));

        for (String name : names) {
            if (run.mayCall(name)) {
                describe(run, name);
            }
        }
        if (listPrefix && run.mayCall(prefix + "*")) {
            list(run, prefix);
        }
        return verdict(run);
    }

    private void describe(Run run, String name) {
        SecretsManagerLookup.Described answer = run.lookup.describe(name, bound(run.context));
        if (answer instanceof SecretsManagerLookup.Found found) {
            run.review(found.secret());
        } else if (answer instanceof SecretsManagerLookup.Missing) {
            run.missing.add(name);
            // NO_CREDENTIALS: whatever reads this name gets no credential at all, as when a
            // chain finds none; EXPIRED or INVALID_CREDENTIALS would speak of a value that is not there.
            run.outcomes.add(CheckResult.critical(Category.NO_CREDENTIALS, "the secret " + name
                    + " does not exist in Secrets Manager (ResourceNotFoundException)",
                    "create it (aws secretsmanager create-secret --name " + name + "), or correct "
                            + "checks.secrets-rotation.names; check the region too (AWS_REGION): secrets are regional"));
        } else if (answer instanceof SecretsManagerLookup.Failed failed) {
            run.failed(failed.failure(), "DescribeSecret", "the secret " + name,
                    "arn:aws:secretsmanager:<region>:<account>:secret:" + name + "-??????");
        }
    }

    private void list(Run run, String prefix) {
        SecretsManagerLookup.Listing listing = run.lookup.list(prefix, () -> bound(run.context));
        for (SecretMetadata secret : listing.secrets()) {
            // The prefix may span environments (mm-bot/ lists mm-bot/dev/… too): each name is judged on its own.
            Optional<SecretEnvironment.Foreign> foreign = SecretEnvironment.foreignTo(environment, secret.name());
            if (foreign.isPresent()) {
                run.outcomes.add(mixed(foreign.get(), "checks.secrets-rotation.prefix (" + prefix + ")"));
            } else {
                run.review(secret);
            }
        }
        if (listing.failure().isPresent()) {
            // ListSecrets takes no resource-level permission (Service Authorization Reference): only "*" grants it.
            run.failed(listing.failure().get(), "ListSecrets", "the prefix " + prefix
                    + (listing.pages() > 0 ? " (after " + listing.pages() + " pages)" : ""), "*");
        } else if (listing.secrets().isEmpty()) {
            run.outcomes.add(CheckResult.warn(Category.NO_CREDENTIALS, "no secret under the prefix " + prefix,
                    "correct checks.secrets-rotation.prefix (ListSecrets matches names from their start, "
                            + "case-sensitively), and check the region (AWS_REGION): secrets are regional"));
        }
    }

    private CheckResult verdict(Run run) {
        List<CheckResult> worstFirst = new ArrayList<>(run.outcomes);
        worstFirst.sort(Comparator.comparingInt((CheckResult o) -> o.status().severity()).reversed());
        CheckResult result = worstFirst.isEmpty() ? CheckResult.ok(okSummary(run)) : worstFirst.get(0);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("environment", environment.label());
        details.put("maxAgeDays", maxAge().toDays());
        details.put("names", config.names());
        details.put("prefix", config.prefix());
        details.put("secrets", run.rows);
        putIfAny(details, "unused", run.unused);
        putIfAny(details, "missing", run.missing);
        putIfAny(details, "notAsked", run.notAsked);
        putIfAny(details, "alsoFound", worstFirst.stream().skip(1)
                .map(o -> o.status() + " " + o.category() + ": " + o.summary()).toList());
        return result.withDetails(details);
    }

    private String okSummary(Run run) {
        if (!config.configured()) {
            return "every exchange account's secret is a " + environment.label() + " secret";
        }
        return run.rows.size() + " secret" + (run.rows.size() == 1 ? "" : "s") + " rotated within the "
                + maxAge().toDays() + "-day maximum for " + environment.label()
                + (run.unused.isEmpty() ? "" : "; " + run.unused.size() + " unused");
    }

    private static CheckResult mixed(SecretEnvironment.Foreign foreign, String field) {
        return CheckResult.critical(Category.ENVIRONMENT_MIXED, foreign.summary(field), foreign.remediation());
    }

    private static CheckResult failed(AwsFailure failure, String action, String subject, String resource) {
        if (failure.category() == Category.ACCESS_DENIED) {
            // WARN for aws-credentials' optional probes; here it leaves the check unable to do its job at all.
            return CheckResult.critical(Category.ACCESS_DENIED, "this host's role may not call secretsmanager:"
                    + action + " on " + subject + " (" + failure.code() + ")", "grant secretsmanager:" + action
                    + " on " + resource + " to this host's IAM role (instance profile)");
        }
        String remedy = switch (failure.category()) {
            case INVALID_CREDENTIALS, EXPIRED ->
                    "Secrets Manager refuses this host's AWS credentials: see the aws-credentials check";
            case CLOCK_SKEW ->
                    "sync the clock: systemctl restart chronyd (the Amazon Time Sync Service is at 169.254.169.123)";
            default -> "check that this host reaches Secrets Manager (security group and NACL egress, VPC endpoint, "
                    + "proxy, AWS_ENDPOINT_URL)";
        };
        return new CheckResult(failure.status(), failure.category(), "secretsmanager:" + action + " on " + subject
                + " failed: " + failure.said(), remedy, Map.of());
    }

    private Duration maxAge() {
        return config.maxAge().get(environment);
    }

    private static void putIfAny(Map<String, Object> details, String key, List<String> values) {
        if (!values.isEmpty()) {
            details.put(key, values);
        }
    }

    /** A tenth of what is left stays unspent, so a hung call still ends in a result before the scheduler gives up. */
    private static Duration bound(CheckContext context) {
        Duration usable = context.remaining().multipliedBy(9).dividedBy(10);
        return usable.compareTo(CALL_BOUND) < 0 ? (usable.isZero() ? Duration.ofMillis(1) : usable) : CALL_BOUND;
    }
}
