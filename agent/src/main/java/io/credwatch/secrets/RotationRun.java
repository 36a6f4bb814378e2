package io.credwatch.secrets;

import io.credwatch.awsclient.AwsFailure;
import io.credwatch.check.Category;
import io.credwatch.check.CheckContext;
import io.credwatch.config.Environment;
import io.credwatch.config.SecretEnvironment;
import java.time.Duration;
import java.util.Optional;

/**
 * One run's questions to Secrets Manager: each name described, the prefix listed, every call
 * bounded by what is left of the run, and what each answer says put in the tally. Once Secrets
 * Manager did not answer, or time ran out, nothing more is asked: later calls would only wait
 * as long.
 */
final class RotationRun {

    /** No single call may take the whole budget: the later ones still need some. */
    private static final Duration CALL_BOUND = Duration.ofSeconds(10);

    private final CheckContext context;
    private final SecretsManagerLookup lookup;
    private final Environment environment;
    private final Duration timeout;
    private final RotationTally tally;
    private boolean stopped;

    /**
     * @param environment the host's: a listed secret of another one is refused, not reviewed
     * @param timeout     the check's, named in the finding of a run out of time
     */
    RotationRun(CheckContext context, SecretsManagerLookup lookup, Environment environment, Duration timeout,
                RotationTally tally) {
        this.context = context;
        this.lookup = lookup;
        this.environment = environment;
        this.timeout = timeout;
        this.tally = tally;
    }

    void describe(String name) {
        if (!mayCall(name)) {
            return;
        }
        SecretsManagerLookup.Described answer = lookup.describe(name, bound());
        if (answer instanceof SecretsManagerLookup.Found found) {
            tally.review(found.secret(), context.now());
        } else if (answer instanceof SecretsManagerLookup.Missing) {
            tally.missing(name);
        } else if (answer instanceof SecretsManagerLookup.Failed failed) {
            failed(failed.failure(), "DescribeSecret", "the secret " + name,
                    "arn:aws:secretsmanager:<region>:<account>:secret:" + name + "-??????");
        }
    }

    void list(String prefix) {
        if (!mayCall(prefix + "*")) {
            return;
        }
        SecretsManagerLookup.Listing listing = lookup.list(prefix, this::bound);
        for (SecretMetadata secret : listing.secrets()) {
            // The prefix may span environments (mm-bot/ lists mm-bot/dev/… too): each name is judged on its own.
            Optional<SecretEnvironment.Foreign> foreign = SecretEnvironment.foreignTo(environment, secret.name());
            if (foreign.isPresent()) {
                tally.add(RotationFindings.mixed(foreign.get(), "checks.secrets-rotation.prefix (" + prefix + ")"));
            } else {
                tally.review(secret, context.now());
            }
        }
        if (listing.failure().isPresent()) {
            // ListSecrets takes no resource-level permission (Service Authorization Reference): only "*" grants it.
            failed(listing.failure().get(), "ListSecrets", "the prefix " + prefix
                    + (listing.pages() > 0 ? " (after " + listing.pages() + " pages)" : ""), "*");
        } else if (listing.secrets().isEmpty()) {
            tally.add(RotationFindings.emptyPrefix(prefix));
        }
    }

    private boolean mayCall(String subject) {
        if (!stopped && context.remaining().isZero()) {
            stopped = true;
            tally.add(RotationFindings.outOfTime(subject, timeout));
        }
        if (stopped) {
            tally.notAsked(subject);
        }
        return !stopped;
    }

    private void failed(AwsFailure failure, String action, String subject, String resource) {
        tally.add(RotationFindings.failed(failure, action, subject, resource));
        stopped |= failure.category() == Category.TIMEOUT || failure.category() == Category.UNAVAILABLE;
    }

    /** A tenth of what is left stays unspent, so a hung call still ends in a result before the scheduler gives up. */
    private Duration bound() {
        Duration usable = context.remaining().multipliedBy(9).dividedBy(10);
        return usable.compareTo(CALL_BOUND) < 0 ? (usable.isZero() ? Duration.ofMillis(1) : usable) : CALL_BOUND;
    }
}
