package io.credwatch.exchange;

import io.credwatch.check.Category;
import io.credwatch.check.CheckContext;
import io.credwatch.check.Finding;
import io.credwatch.check.Status;
import io.credwatch.config.ConsumerConfig;
import io.credwatch.config.Environment;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.credential.CredentialSource;
import io.credwatch.credential.SourceChange;
import io.credwatch.fingerprint.SafeFingerprint;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the rest of this host makes of an account's key, asked with the source that yielded it:
 * processes named as its consumers that started before the key last changed there
 * ({@code WARN ROTATION_NOT_PICKED_UP}: they still sign with the old key), and another account
 * holding the same key under another environment ({@code CRITICAL ENVIRONMENT_MIXED}). Nothing
 * here talks to the exchange or reads a value.
 */
public final class KeyUseFindings {

    private final ExchangeAccountConfig config;
    private final Environment host;
    private final SharedKeys keys;
    private final ConsumerStarts starts;

    /**
     * @param host   this host's environment ({@code agent.environment}): a key's, unless its source's name says another
     * @param keys   shared by the accounts of one configuration
     * @param starts how the consumers' processes are found
     */
    public KeyUseFindings(ExchangeAccountConfig config, Environment host, SharedKeys keys, ConsumerStarts starts) {
        this.config = config;
        this.host = host;
        this.keys = keys;
        this.starts = starts;
    }

    /** For an account checked on its own: no other account to compare, and no systemctl to ask. */
    static KeyUseFindings alone(ExchangeAccountConfig config, Environment host) {
        return new KeyUseFindings(config, host, new SharedKeys(),
                new ConsumerStarts(Optional.empty(), Path.of("/proc/self/mountinfo")));
    }

    /** @param winner the source the key came from this run */
    List<Finding> judge(CredentialSource winner, SafeFingerprint key, CheckContext context,
                        Map<String, Object> details) throws InterruptedException {
        List<Finding> found = new ArrayList<>();
        mixed(winner, key, details).ifPresent(found::add);
        found.addAll(notPickedUp(winner, context, details));
        return found;
    }

    /** No source yielded a key this run. */
    void noKey() {
        keys.release(config.id());
    }

    private Optional<Finding> mixed(CredentialSource winner, SafeFingerprint key, Map<String, Object> details) {
        Optional<Environment> named = winner.environmentNamed();
        Environment environment = named.orElse(host);
        details.put("keyEnvironment", environment.label());
        details.put("keyEnvironmentFrom", named.isPresent() ? winner.name() : "agent.environment");
        List<SharedKeys.Holder> same = keys.hold(new SharedKeys.Holder(config.id(), environment, winner.name(), key));
        if (same.isEmpty()) {
            return Optional.empty();
        }
        details.put("sameKeyAs", same.stream().map(KeyUseFindings::shown).toList());
        List<SharedKeys.Holder> elsewhere = same.stream().filter(h -> h.environment() != environment).toList();
        if (elsewhere.isEmpty()) {
            return Optional.empty();
        }
        // Whose key should change: the holder of an environment that is not this host's.
        List<String> strays = environment != host ? List.of(config.id() + " (" + environment.label() + ", "
                + winner.name() + ")") : elsewhere.stream().map(h -> h.account() + " (" + h.environment().label()
                + ", " + h.source() + ")").toList();
        List<String> others = elsewhere.stream().map(h -> h.environment().label() + " for " + h.account() + " ("
                + h.source() + ")").toList();
        return Optional.of(new Finding(Status.CRITICAL, Category.ENVIRONMENT_MIXED, "key " + key + " serves two "
                + "environments on this host: " + environment.label() + " here (" + winner.name() + ") and "
                + String.join(", ", others), "one key must serve one environment: create a separate key for "
                + String.join(" and ", strays) + " and deploy it there; if a source's name does not mean the "
                + "environment credwatch reads from it, rename the source"));
    }

    private static Map<String, String> shown(SharedKeys.Holder holder) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("account", holder.account());
        m.put("environment", holder.environment().label());
        m.put("source", holder.source());
        return m;
    }

    private List<Finding> notPickedUp(CredentialSource winner, CheckContext context, Map<String, Object> details)
            throws InterruptedException {
        if (config.consumers().isEmpty()) {
            return List.of();
        }
        // One attempt's worth of the run: the exchange's own calls must keep the rest.
        Instant until = earlier(context.deadline(), context.now().plus(config.timeout()));
        SourceChange change = winner.lastChange(until);
        Map<String, Object> changed = new LinkedHashMap<>();
        changed.put("what", change.what());
        change.at().ifPresentOrElse(at -> changed.put("at", seconds(at)), () -> changed.put("unknown", change.unknown()));
        details.put("keyChanged", changed);
        List<Map<String, Object>> shown = new ArrayList<>();
        List<Finding> found = new ArrayList<>();
        for (ConsumerConfig consumer : config.consumers()) {
            ConsumerStart start = starts.of(consumer, Duration.between(context.now(), until));
            shown.add(start.shown());
            if (change.at().isPresent() && start.startedBefore(change.at().get())) {
                found.add(new Finding(Status.WARN, Category.ROTATION_NOT_PICKED_UP, start.named() + " started "
                        + seconds(start.startedAt().orElseThrow()) + ", " + change.what() + " changed "
                        + seconds(change.at().get()) + ": it still signs with the key it loaded before",
                        "restart " + start.named() + " so it loads the key credwatch checks; until then it uses the "
                                + "old one, which stops working when that is revoked"));
            }
        }
        details.put("consumers", shown);
        return found;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String seconds(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
