package io.credwatch;

import io.credwatch.check.CheckRuns;
import io.credwatch.check.ResultStore;
import io.credwatch.config.ConfigException;
import io.credwatch.config.ConfigLoader;
import io.credwatch.config.LoggingConfig;
import io.credwatch.info.ReloadOutcome;
import io.credwatch.logging.LogSetup;
import io.credwatch.systemd.SystemdNotifier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP and {@code reloadConfig()}: the whole new configuration is built first and switched
 * to in one step, or not at all. A reload that fails half-way must not leave {@code /checks}
 * on the old accounts and {@code /fingerprints} on the new ones; systemd hears READY=1 either
 * way.
 */
final class ConfigReload {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReload.class);

    private final ConfigLoader loader;
    private final Optional<Path> configArgument;
    private final CheckCatalog catalog;
    private final AtomicReference<CheckCatalog.Configured> running;
    private final ResultStore store;
    private final CheckRuns runs;
    private final SystemdNotifier systemd;
    private final Clock clock;
    /** Faces told how each reload ended (JMX keeps and announces it); added after start, hence thread-safe. */
    private final List<Consumer<ReloadOutcome>> listeners = new CopyOnWriteArrayList<>();

    ConfigReload(ConfigLoader loader, Optional<Path> configArgument, CheckCatalog catalog,
                 AtomicReference<CheckCatalog.Configured> running, ResultStore store, CheckRuns runs,
                 SystemdNotifier systemd, Clock clock) {
        this.loader = loader;
        this.configArgument = configArgument;
        this.catalog = catalog;
        this.running = running;
        this.store = store;
        this.runs = runs;
        this.systemd = systemd;
        this.clock = clock;
    }

    void addListener(Consumer<ReloadOutcome> listener) {
        listeners.add(listener);
    }

    /** One reload at a time; the answer is the line the log gets. */
    synchronized String apply() {
        systemd.reloading();
        CheckCatalog.Configured next;
        try {
            next = catalog.build(loader.load(configArgument), Optional.of(running.get().egressMemory()));
        } catch (ConfigException e) {
            return refused(e.getMessage());
        } catch (RuntimeException e) {
            // validate refuses whatever cannot be built; reaching this is a bug, and still no half-applied reload.
            LOG.warn("reload: building the checks failed: {}", e.getClass().getName());
            return refused("cannot build the checks (" + e.getClass().getSimpleName() + "); this is a credwatch bug");
        }
        CheckCatalog.Configured previous = running.getAndSet(next);
        // The faces hear the new set of checks from the store and adjust; none is rebuilt.
        store.replace(next.checks());
        // A changed allowlist or source must show at once, not at the next interval.
        runs.runAll();
        LoggingConfig logging = next.config().logging();
        LogSetup.apply(logging.level(), logging.levels(), logging.json());
        boolean httpChanged = !previous.config().http().bind().equals(next.config().http().bind())
                || !previous.config().http().port().equals(next.config().http().port());
        String line = "reloaded " + next.loaded().describeSource() + "; " + store.ids().size() + " checks"
                + (httpChanged ? "; http.bind/http.port changes take effect on restart" : "");
        LOG.info(line);
        systemd.reloaded(Optional.empty());
        tell(new ReloadOutcome(clock.instant(), true, line));
        return line;
    }

    /** The same words in the log, in systemd's STATUS= and as the operation's answer. */
    private String refused(String reason) {
        String answer = "reload refused: " + reason;
        LOG.error("{}{}; the running configuration stays", loader.locate(configArgument).map(f -> f + ": ").orElse(""),
                answer);
        systemd.reloaded(Optional.of(answer));
        tell(new ReloadOutcome(clock.instant(), false, answer));
        return answer;
    }

    private void tell(ReloadOutcome outcome) {
        for (Consumer<ReloadOutcome> listener : listeners) {
            try {
                listener.accept(outcome);
            } catch (RuntimeException e) {
                // A face must not turn a finished reload into a failed one.
                LOG.warn("reload: a listener failed: {}", e.getClass().getName());
            }
        }
    }
}
