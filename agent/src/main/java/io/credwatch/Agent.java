package io.credwatch;

import io.credwatch.alert.AlertOrigin;
import io.credwatch.alert.Alerter;
import io.credwatch.alert.RetryPolicy;
import io.credwatch.awsclient.AwsClients;
import io.credwatch.check.CheckReport;
import io.credwatch.check.CheckRunner;
import io.credwatch.check.CheckScheduler;
import io.credwatch.check.Jitter;
import io.credwatch.check.Overall;
import io.credwatch.check.ResultStore;
import io.credwatch.check.RunCooldown;
import io.credwatch.check.TransitionLog;
import io.credwatch.config.ConfigLoader;
import io.credwatch.config.CredwatchConfig;
import io.credwatch.config.LoadedConfig;
import io.credwatch.credential.AccountCredentials;
import io.credwatch.credential.CredentialFingerprint;
import io.credwatch.credential.FingerprintReport;
import io.credwatch.exchange.ConsumerStarts;
import io.credwatch.exchange.CallBudgets;
import io.credwatch.exchange.ExchangeProbes;
import io.credwatch.exchange.HostBackoff;
import io.credwatch.http.HttpApi;
import io.credwatch.http.HttpSettings;
import io.credwatch.http.TokenFile;
import io.credwatch.http.Views;
import io.credwatch.info.AgentControl;
import io.credwatch.info.AgentInfo;
import io.credwatch.info.BuildInfo;
import io.credwatch.jmx.JmxExporter;
import io.credwatch.metrics.CredwatchMetrics;
import io.credwatch.metrics.EgressChangeCounter;
import io.credwatch.metrics.MetricsScrape;
import io.credwatch.net.LazyHttpClient;
import io.credwatch.systemd.SystemdNotifier;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the one place that builds services and hands them to each other.
 * Everything else receives its collaborators through its constructor.
 */
public final class Agent implements AgentControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private static final int CHECK_THREADS = 8;
    private static final Duration RUN_COOLDOWN = Duration.ofSeconds(5);
    private static final Duration STOP_BOUND = Duration.ofSeconds(5);
    /** How late a reminder may be; small beside any sensible {@code alerts.remindEvery}. */
    private static final Duration REMINDER_TICK = Duration.ofSeconds(30);
    /** How late a stale check may be announced to alerts and systemd; faces that read see it at once. */
    private static final Duration STALE_SWEEP = Duration.ofSeconds(10);

    private final Clock clock;
    private final BuildInfo build;
    private final Instant startedAt;
    private final AwsClients aws;
    private final LazyHttpClient plainHttp;
    private final AgentThreads threads;
    private final ResultStore store;
    private final CheckRunner runner;
    private final CheckScheduler scheduler;
    /** The configuration and what was built from it, swapped whole by a reload: readers see one or the other. */
    private final AtomicReference<CheckCatalog.Configured> running;
    private final AccountCredentials credentials;
    private final CheckCatalog catalog;
    private final SystemdNotifier systemd;
    private final ConfigReload reload;
    private final AgentViews views;
    /** Set once by start(), read by close() on the signal's thread. */
    private volatile HttpApi http;
    private volatile JmxExporter jmx;
    private volatile Alerter alerter;

    private Agent(LoadedConfig config, ConfigLoader loader, Optional<Path> configArgument, Map<String, String> env,
                  Clock clock, boolean persistent) {
        this.clock = clock;
        this.build = BuildInfo.load();
        this.startedAt = clock.instant();
        this.threads = new AgentThreads(CHECK_THREADS);
        this.aws = new AwsClients(Duration.ofSeconds(5), threads.housekeeping);
        this.credentials = new AccountCredentials(env, aws.secretsManager(), clock);
        this.plainHttp = new LazyHttpClient(Duration.ofSeconds(5), threads.httpClient);
        // One set of pauses and call budgets for the agent's life: a reload must not reset either.
        this.catalog = new CheckCatalog(aws, plainHttp, credentials, new ExchangeProbes(plainHttp, clock,
                new HostBackoff(clock), new CallBudgets(clock), build.userAgent()), ConsumerStarts.onHost(env),
                threads.sources, clock);
        this.running = new AtomicReference<>(catalog.build(config, Optional.empty()));
        this.store = new ResultStore(running.get().checks(), clock, ResultStore.DEFAULT_HISTORY);
        this.runner = new CheckRunner(store, threads.workers, threads.timer, clock, persistent);
        this.scheduler = new CheckScheduler(store, runner, threads.timer, Jitter.standard());
        store.addListener(new TransitionLog());
        store.addListener(scheduler);
        // Only the daemon is the unit's main process: a one-shot `credwatch check` run from a
        // unit's ExecStartPre must not announce itself ready.
        this.systemd = SystemdNotifier.fromEnvironment(persistent ? env : Map.of(), ProcessHandle.current().pid(),
                store, scheduler::heartbeats, threads.housekeeping);
        store.addListener(systemd);
        this.reload = new ConfigReload(loader, configArgument, catalog, running, store, runner, systemd, clock);
        this.views = new AgentViews(running::get, credentials, build, startedAt, clock);
    }

    /** The daemon: checks on their schedules, state persisted. */
    public static Agent daemon(LoadedConfig config, ConfigLoader loader, Optional<Path> configArgument,
                               Map<String, String> env, Clock clock) {
        return new Agent(config, loader, configArgument, env, clock, true);
    }

    /** One round for {@code credwatch check}: reads state, never writes it. */
    public static Agent oneShot(LoadedConfig config, ConfigLoader loader, Map<String, String> env, Clock clock) {
        return new Agent(config, loader, Optional.empty(), env, clock, false);
    }

    /** For {@code credwatch fingerprint}: every account's key resolved once, nothing started. */
    public static List<CredentialFingerprint> fingerprintsOnce(CredwatchConfig config, Map<String, String> env,
                                                               Clock clock) throws InterruptedException {
        try (AgentThreads threads = new AgentThreads(1);
             AwsClients aws = new AwsClients(Duration.ofSeconds(5), threads.housekeeping)) {
            return FingerprintReport.of(config, new AccountCredentials(env, aws.secretsManager(), clock), clock,
                    AgentViews.FINGERPRINT_BUDGET).resolve();
        }
    }

    public void start() throws Exception {
        CredwatchConfig config = running.get().config();
        // Listen first: /health/live answers while the first round runs, and the checks' own
        // start-up (TLS, SDK clients) does not compete with the server's on a small instance.
        http = new HttpApi(new HttpSettings(config.http().bind(), config.http().port(),
                new TokenFile(() -> running.get().config().http().tokenFile()),
                new RunCooldown(clock, RUN_COOLDOWN)), store, runner, new Views(views::egress, views::fingerprints,
                config.http().whoami() ? Optional.of(views::info) : Optional.empty(),
                Optional.of(AgentViews.route(new MetricsScrape(() -> new CredwatchMetrics(store::latest, build,
                        new EgressChangeCounter(views::egressChangeTimes, startedAt), views::egressFacts, store::stats)
                        .registry())))), clock);
        http.start();
        if (config.jmx().enabled()) {
            jmx = new JmxExporter(ManagementFactory.getPlatformMBeanServer(), store, runner,
                    new RunCooldown(clock, RUN_COOLDOWN), this, clock);
            jmx.register();
            reload.addListener(jmx::reloaded);
        }
        // Alerts read the configuration on each send, so a reload's webhooks apply at once.
        alerter = new Alerter(() -> running.get().config().alerts(), store::latest,
                new AlertOrigin(AgentViews.hostName(), config.agent().environment().label()), clock, plainHttp,
                RetryPolicy.standard(), threads.housekeeping, threads.alerts);
        store.addListener(alerter);
        alerter.startReminders(REMINDER_TICK);
        // Listeners hear of a check gone stale only when someone looks; this looks, off the
        // timer, which may be the very thing that is stuck.
        threads.housekeeping.scheduleWithFixedDelay(store::sweepStale, STALE_SWEEP.toMillis(), STALE_SWEEP.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.start();
        systemd.ready();
        LOG.info("credwatch {} serving on {} ({} checks, context {}, environment {}, config {})", build.version(),
                http.uri(), store.ids().size(), config.agent().executionContext(),
                config.agent().environment().label(), running.get().loaded().describeSource());
    }

    /** Runs the selected checks (all when empty) once and returns their reports. */
    public List<CheckReport> runOnce(List<String> only) {
        List<String> ids = only.isEmpty() ? store.ids() : only;
        List<CompletableFuture<CheckReport>> runs = new ArrayList<>();
        for (String id : ids) {
            runs.add(runner.runNow(id));
        }
        List<CheckReport> reports = new ArrayList<>();
        for (CompletableFuture<CheckReport> run : runs) {
            reports.add(run.join());
        }
        return reports;
    }

    public List<String> checkIds() {
        return store.ids();
    }

    /** Where the HTTP API listens, once started. */
    public Optional<URI> httpUri() {
        return Optional.ofNullable(http).map(HttpApi::uri);
    }

    @Override
    public AgentInfo info() {
        return views.info();
    }

    @Override
    public String runAllChecks() {
        List<CheckReport> reports = runOnce(List.of());
        return reports.size() + " checks run; overall " + Overall.of(reports);
    }

    @Override
    public String reloadConfig() {
        return reload.apply();
    }

    @Override
    public void close() {
        systemd.stopping();
        if (http != null) {
            http.close();
        }
        if (jmx != null) {
            jmx.close();
        }
        threads.stopChecks(STOP_BOUND);
        if (alerter != null) {
            alerter.close(); // after the checks: a last transition still goes out
        }
        aws.close();
        threads.close();
        LOG.info("credwatch stopped");
    }
}
