package io.credwatch.secrets;

import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckResult;
import io.credwatch.check.ScheduledCheck;
import io.credwatch.check.Tolerance;
import io.credwatch.config.Environment;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.config.SecretsRotationCheckConfig;
import java.time.Clock;
import java.util.List;
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
 *
 * <p>This class only puts a run together: {@link RotationScope} decides what may be asked,
 * {@link RotationRun} asks, {@link RotationReview} judges each secret's age, and
 * {@link RotationTally} comes to the result.
 */
public final class SecretsRotationCheck extends ScheduledCheck {

    public static final String ID = "secrets-rotation";

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
        return config.configured()
                || !RotationScope.accountSecretsOfAnotherEnvironment(environment, accounts).isEmpty();
    }

    @Override
    public CheckResult run(CheckContext context) throws InterruptedException {
        RotationScope scope = RotationScope.of(config, environment, accounts);
        RotationTally tally = new RotationTally(config, environment);
        scope.refusals().forEach(tally::add);
        // The SDK signs with the system clock, so a skew AWS complains of is measured against
        // that one, not against the run's clock (which tests move by hand to age secrets).
        SecretsManagerLookup lookup = new SecretsManagerLookup(client, Clock.systemUTC());
        RotationRun calls = new RotationRun(context, lookup, environment, config.timeout(), tally);
        scope.names().forEach(calls::describe);
        scope.prefix().ifPresent(calls::list);
        return tally.result();
    }
}
