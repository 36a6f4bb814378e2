package io.credwatch;

import io.credwatch.alert.AlertOrigin;
import io.credwatch.alert.Alerter;
import io.credwatch.alert.RetryPolicy;
import io.credwatch.aws.AccessKeyAge;
import io.credwatch.awsclient.AwsClients;
import io.credwatch.aws.AwsCredentialsCheck;
import io.credwatch.aws.CallerIdentityProbe;
import io.credwatch.aws.CredentialChain;
import io.credwatch.aws.InstanceMetadataPosture;
import io.credwatch.aws.ServiceProbes;
import io.credwatch.check.Check;
import io.credwatch.check.CheckReport;
import io.credwatch.check.CheckRunner;
import io.credwatch.check.CheckScheduler;
import io.credwatch.check.Jitter;
import io.credwatch.check.ResultStore;
import io.credwatch.check.TransitionLog;
import io.credwatch.check.Overall;
import io.credwatch.config.ConfigException;
import io.credwatch.config.ConfigLoader;
import io.credwatch.config.CredwatchConfig;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.config.LoadedConfig;
import io.credwatch.config.ExecutionContext;
import io.credwatch.credential.AccountCredentials;
import io.credwatch.credential.CredentialFingerprint;
import io.credwatch.credential.CredentialSource;
import io.credwatch.credential.FingerprintReport;
import io.credwatch.egress.AskingEgressIp;
import io.credwatch.egress.CurrentEgressIp;
import io.credwatch.egress.Ec2ElasticIpLookup;
import io.credwatch.egress.EgressSource;
import io.credwatch.egress.EgressIpCheck;
import io.credwatch.egress.EgressMemory;
import io.credwatch.egress.EgressSources;
import io.credwatch.egress.EgressState;
import io.credwatch.egress.EgressStateStore;
import io.credwatch.egress.ElasticIpLookup;
import io.credwatch.exchange.ExchangeCheck;
import io.credwatch.exchange.ExchangeProbes;
import io.credwatch.http.DirectRoute;
import io.credwatch.http.HttpApi;
import io.credwatch.http.Reply;
import io.credwatch.http.HttpSettings;
import io.credwatch.http.Views;
import io.credwatch.info.AgentControl;
import io.credwatch.info.AgentInfo;
import io.credwatch.info.BuildInfo;
import io.credwatch.jmx.JmxExporter;
import io.credwatch.metrics.CredwatchMetrics;
import io.credwatch.metrics.EgressChangeCounter;
import io.credwatch.metrics.MetricsScrape;
import io.credwatch.net.LazyHttpClient;
import io.credwatch.secrets.PlaintextSecretsCheck;
import io.credwatch.secrets.SecretsRotationCheck;
import io.credwatch.systemd.SystemdNotifier;
import io.credwatch.logging.LogSetup;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
    /** Per account, for {@code /fingerprints} and {@code credwatch fingerprint}: Secrets Manager is a network call. */
    private static final Duration FINGERPRINT_BUDGET = Duration.ofSeconds(5);
    /** How late a reminder may be; small beside any sensible {@code alerts.remindEvery}. */
    private static final Duration REMINDER_TICK = Duration.ofSeconds(30);
    /** How late a stale check may be announced to alerts and systemd; faces that read see it at once. */
    private static final Duration STALE_SWEEP = Duration.ofSeconds(10);

    private final ConfigLoader loader;
    private final Optional<Path> configArgument;
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
    private final AtomicReference<Running> running;
    private final AccountCredentials credentials;
    private final ExchangeProbes exchanges;
    private final SystemdNotifier systemd;
    private HttpApi http;
    private JmxExporter jmx;
    private Alerter alerter;

    private Agent(LoadedConfig config, ConfigLoader loader, Optional<Path> configArgument, Map<String, String> env,
                  Clock clock, boolean persistent) {
        this.loader = loader;
        this.configArgument = configArgument;
        this.clock = clock;
        this.build = BuildInfo.load();
        this.startedAt = clock.instant();
        this.aws = new AwsClients(Duration.ofSeconds(5));
        this.plainHttp = new LazyHttpClient(Duration.ofSeconds(5));
        this.credentials = new AccountCredentials(env, aws.secretsManager(), clock);
        this.exchanges = new ExchangeProbes(plainHttp, clock);
        this.threads = new AgentThreads(CHECK_THREADS);
        this.running = new AtomicReference<>(build(config, Optional.empty()));
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
        try (AwsClients aws = new AwsClients(Duration.ofSeconds(5))) {
            return fingerprintReport(config, new AccountCredentials(env, aws.secretsManager(), clock), clock).resolve();
        }
    }

    private static FingerprintReport fingerprintReport(CredwatchConfig config, AccountCredentials credentials,
                                                       Clock clock) {
        List<FingerprintReport.Account> accounts = new ArrayList<>();
        for (ExchangeAccountConfig a : config.exchanges()) {
            if (a.enabled()) {
                accounts.add(new FingerprintReport.Account(a.id(), a.type().label(),
                        credentials.resolver(a, config.agent().environment()),
                        a.expectedFingerprint()));
            }
        }
        return new FingerprintReport(accounts, clock, FINGERPRINT_BUDGET);
    }

    private List<CredentialFingerprint> fingerprints() {
        try {
            return fingerprintReport(running.get().config(), credentials, clock).resolve();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resolving credentials");
        }
    }

    /**
     * A configuration with the checks built from it; nothing of it runs yet.
     *
     * @param egressMemory what is known of the egress IP; handed from one configuration to the
     *                     next, so a change stays one change whether or not the file took it
     */
    private record Running(LoadedConfig loaded, List<Check> checks, Optional<EgressIpCheck> egress,
                           EgressMemory egressMemory) {

        CredwatchConfig config() {
            return loaded.config();
        }
    }

    /** Builds everything a configuration needs without touching what runs: a failure leaves nothing half-made in use. */
    private Running build(LoadedConfig loaded, Optional<EgressMemory> kept) {
        CredwatchConfig config = loaded.config();
        // A new memory only when the configuration moves agent.stateDir: it then reads that directory's file.
        Path stateDir = config.agent().stateDir().toAbsolutePath();
        EgressMemory egressMemory = kept.filter(m -> m.stateDir().equals(stateDir))
                .orElseGet(() -> new EgressMemory(new EgressStateStore(stateDir)));
        List<Check> checks = new ArrayList<>();
        boolean onAws = config.agent().executionContext() == ExecutionContext.AWS;
        var awsConfig = config.checks().awsCredentials();
        if (awsConfig.enabled()) {
            checks.add(new AwsCredentialsCheck(awsConfig, CredentialChain.standard(), new CallerIdentityProbe(aws, clock),
                    new ServiceProbes(aws, clock), new AccessKeyAge(aws, clock),
                    onAws ? Optional.of(new InstanceMetadataPosture(aws.imds(), plainHttp)) : Optional.empty()));
        }
        var plaintext = config.checks().plaintextSecrets();
        // With no paths there is nothing to scan: an always-OK check would only be noise.
        if (plaintext.enabled() && !plaintext.paths().isEmpty()) {
            checks.add(new PlaintextSecretsCheck(plaintext));
        }
        var rotation = config.checks().secretsRotation();
        if (rotation.enabled() && SecretsRotationCheck.watches(rotation, config.agent().environment(),
                config.exchanges())) {
            checks.add(new SecretsRotationCheck(rotation, config.agent().environment(), aws.secretsManager(),
                    config.exchanges()));
        }
        var egressConfig = config.checks().egressIp();
        List<EgressSource> egressSources = EgressSources.fromConfig(egressConfig.sources(), aws.imds(), plainHttp);
        EgressIpCheck egressCheck = null;
        if (egressConfig.enabled()) {
            Optional<ElasticIpLookup> elastic = onAws
                    ? Optional.of(new Ec2ElasticIpLookup(aws.ec2())) : Optional.empty();
            egressCheck = new EgressIpCheck(egressConfig, EgressIpCheck.exchangeAllowlists(config.exchanges()),
                    egressSources, elastic, egressMemory, clock, threads.sources);
            checks.add(egressCheck);
        }
        CurrentEgressIp egressIp = new AskingEgressIp(egressCheck != null ? egressCheck : Optional::empty,
                egressSources, clock);
        for (int i = 0; i < config.exchanges().size(); i++) {
            ExchangeAccountConfig account = config.exchanges().get(i);
            if (account.enabled()) {
                checks.add(new ExchangeCheck(account, "exchanges[" + i + "]",
                        credentials.resolver(account, config.agent().environment()),
                        exchanges.create(account.type(), account.baseUrl(), account.timeout()), egressIp, onAws,
                        config.agent().environment()));
            }
        }
        return new Running(loaded, List.copyOf(checks), Optional.ofNullable(egressCheck), egressMemory);
    }

    public void start() throws Exception {
        CredwatchConfig config = running.get().config();
        // Listen first: /health/live answers while the first round runs, and the checks' own
        // start-up (TLS, SDK clients) does not compete with the server's on a small instance.
        http = new HttpApi(new HttpSettings(config.http().bind(), config.http().port(), this::bearerToken,
                RUN_COOLDOWN), store, runner, new Views(this::egressView, this::fingerprints,
                config.http().whoami() ? Optional.of(this::info) : Optional.empty(),
                Optional.of(route(new MetricsScrape(() -> new CredwatchMetrics(store::latest, build,
                        new EgressChangeCounter(this::egressChangeTimes, startedAt)).registry())))), clock);
        http.start();
        if (config.jmx().enabled()) {
            jmx = new JmxExporter(ManagementFactory.getPlatformMBeanServer(), store, runner, this, clock);
            jmx.register();
        }
        // Alerts read the configuration on each send, so a reload's webhooks apply at once.
        alerter = new Alerter(() -> running.get().config().alerts(), store::latest,
                new AlertOrigin(hostName(), config.agent().environment().label()), clock, plainHttp,
                RetryPolicy.standard(), threads.housekeeping);
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

    /** The metrics face knows nothing of HTTP; this is where its scrape becomes a route. */
    static DirectRoute route(MetricsScrape metrics) {
        return accept -> {
            MetricsScrape.Exposition e = metrics.write(accept);
            return new Reply(200, e.contentType(), e.body());
        };
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

    private Object egressView() {
        return running.get().egress().<Object>map(EgressIpCheck::view).orElse(Map.of("enabled", false));
    }

    private List<Instant> egressChangeTimes() {
        return running.get().egress()
                .map(check -> check.view().changes().stream().map(EgressState.Change::at).toList())
                .orElse(List.of());
    }

    private Optional<String> bearerToken() {
        String file = running.get().config().http().tokenFile();
        if (file.isBlank()) {
            return Optional.empty();
        }
        try {
            String token = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            if (!token.isEmpty()) {
                return Optional.of(token);
            }
            LOG.warn("http.tokenFile {} is empty; refusing every authenticated request", file);
        } catch (IOException e) {
            LOG.warn("http.tokenFile {} cannot be read ({}); refusing every authenticated request", file,
                    e.getClass().getSimpleName());
        }
        // Fail closed: a token nobody holds.
        return Optional.of(UUID.randomUUID().toString() + UUID.randomUUID());
    }

    @Override
    public AgentInfo info() {
        LoadedConfig current = running.get().loaded();
        CredwatchConfig config = current.config();
        List<String> sources = new ArrayList<>();
        for (ExchangeAccountConfig account : config.exchanges()) {
            sources.add(account.id() + ": " + String.join(", ", credentials.resolver(account,
                    config.agent().environment()).sources().stream()
                    .map(CredentialSource::name).toList()));
        }
        return new AgentInfo(ProcessHandle.current().pid(), hostName(), config.agent().environment().label(),
                config.agent().executionContext().name(), build.version(), build.buildTime(),
                current.describeSource(), startedAt, sources);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown");
        }
    }

    @Override
    public String runAllChecks() {
        List<CheckReport> reports = runOnce(List.of());
        return reports.size() + " checks run; overall " + Overall.of(reports);
    }

    /**
     * Builds everything the new configuration needs first and switches to it in one step, or
     * not at all: a reload that fails half-way must not leave {@code /checks} on the old
     * accounts and {@code /fingerprints} on the new ones. systemd hears READY=1 either way.
     */
    @Override
    public synchronized String reloadConfig() {
        systemd.reloading();
        Running next;
        try {
            next = build(loader.load(configArgument), Optional.of(running.get().egressMemory()));
        } catch (ConfigException e) {
            return refused(e.getMessage());
        } catch (RuntimeException e) {
            // validate refuses whatever cannot be built; reaching this is a bug, and still no half-applied reload.
            LOG.warn("reload: building the checks failed: {}", e.getClass().getName());
            return refused("cannot build the checks (" + e.getClass().getSimpleName() + "); this is a credwatch bug");
        }
        Running previous = running.getAndSet(next);
        // The faces hear the new set of checks from the store and adjust; none is rebuilt.
        store.replace(next.checks());
        // A changed allowlist or source must show at once, not at the next interval.
        runner.runAll();
        LogSetup.apply(next.config().logging().level(), next.config().logging().levels());
        boolean httpChanged = !previous.config().http().bind().equals(next.config().http().bind())
                || !previous.config().http().port().equals(next.config().http().port());
        String line = "reloaded " + next.loaded().describeSource() + "; " + store.ids().size() + " checks"
                + (httpChanged ? "; http.bind/http.port changes take effect on restart" : "");
        LOG.info(line);
        systemd.reloaded(Optional.empty());
        return line;
    }

    /** The same words in the log, in systemd's STATUS= and as the operation's answer. */
    private String refused(String reason) {
        String answer = "reload refused: " + reason;
        LOG.error("{}{}; the running configuration stays", loader.locate(configArgument).map(f -> f + ": ").orElse(""),
                answer);
        systemd.reloaded(Optional.of(answer));
        return answer;
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
        threads.close(STOP_BOUND);
        if (alerter != null) {
            alerter.close(); // after the checks: a last transition still goes out
        }
        aws.close();
        LOG.info("credwatch stopped");
    }
}
