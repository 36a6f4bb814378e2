package io.credwatch;

import io.credwatch.alert.AlertOrigin;
import io.credwatch.alert.Alerter;
import io.credwatch.alert.RetryPolicy;
import io.credwatch.aws.AccessKeyAge;
import io.credwatch.aws.AwsClients;
import io.credwatch.aws.AwsCredentialsCheck;
import io.credwatch.aws.CallerIdentityProbe;
import io.credwatch.aws.CredentialChain;
import io.credwatch.aws.InstanceMetadataPosture;
import io.credwatch.aws.ServiceProbes;
import io.credwatch.check.Check;
import io.credwatch.check.CheckReport;
import io.credwatch.check.CheckScheduler;
import io.credwatch.check.Jitter;
import io.credwatch.check.Overall;
import io.credwatch.config.ConfigException;
import io.credwatch.config.ConfigLoader;
import io.credwatch.config.CredwatchConfig;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.config.LoadedConfig;
import io.credwatch.config.ExecutionContext;
import io.credwatch.credential.AccountCredentials;
import io.credwatch.credential.SecretsManagerKeys;
import io.credwatch.credential.CredentialFingerprint;
import io.credwatch.credential.CredentialSource;
import io.credwatch.credential.FingerprintReport;
import io.credwatch.egress.AskingEgressIp;
import io.credwatch.egress.CurrentEgressIp;
import io.credwatch.egress.Ec2ElasticIpLookup;
import io.credwatch.egress.EgressSource;
import io.credwatch.egress.EgressIpCheck;
import io.credwatch.egress.EgressSources;
import io.credwatch.egress.EgressState;
import io.credwatch.egress.EgressStateStore;
import io.credwatch.egress.ElasticIpLookup;
import io.credwatch.exchange.ExchangeCheck;
import io.credwatch.exchange.ExchangeProbes;
import io.credwatch.http.HttpApi;
import io.credwatch.http.HttpSettings;
import io.credwatch.http.Views;
import io.credwatch.info.AgentControl;
import io.credwatch.info.AgentInfo;
import io.credwatch.info.BuildInfo;
import io.credwatch.jmx.JmxExporter;
import io.credwatch.metrics.CredwatchMetrics;
import io.credwatch.metrics.EgressChangeCounter;
import io.credwatch.metrics.MetricsRoute;
import io.credwatch.net.LazyHttpClient;
import io.credwatch.secrets.PlaintextSecretsCheck;
import io.credwatch.secrets.SecretEnvironment;
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

    private final ConfigLoader loader;
    private final Optional<Path> configArgument;
    private final Clock clock;
    private final BuildInfo build;
    private final Instant startedAt;
    private final AwsClients aws;
    private final LazyHttpClient plainHttp;
    private final CheckScheduler scheduler;
    private final AtomicReference<LoadedConfig> loaded;
    private final AtomicReference<EgressIpCheck> egress = new AtomicReference<>();
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
        this.loaded = new AtomicReference<>(config);
        this.aws = new AwsClients(Duration.ofSeconds(5));
        this.plainHttp = new LazyHttpClient(Duration.ofSeconds(5));
        this.credentials = new AccountCredentials(env, aws.secretsManager(), clock);
        this.exchanges = new ExchangeProbes(plainHttp, clock);
        this.scheduler = new CheckScheduler(checksFor(config.config()), clock, Jitter.standard(), CHECK_THREADS,
                CheckScheduler.DEFAULT_HISTORY, persistent);
        // Only the daemon is the unit's main process: a one-shot `credwatch check` run from a
        // unit's ExecStartPre must not announce itself ready.
        this.systemd = SystemdNotifier.fromEnvironment(persistent ? env : Map.of(), ProcessHandle.current().pid(),
                scheduler);
        scheduler.addListener(systemd);
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
                accounts.add(new FingerprintReport.Account(a.id(), a.type().label(), credentials.resolver(a),
                        a.expectedFingerprint()));
            }
        }
        return new FingerprintReport(accounts, clock, FINGERPRINT_BUDGET);
    }

    private List<CredentialFingerprint> fingerprints() {
        try {
            return fingerprintReport(loaded.get().config(), credentials, clock).resolve();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resolving credentials");
        }
    }

    private List<Check> checksFor(CredwatchConfig config) {
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
        var sourceKeys = new SecretsManagerKeys(config.exchanges(), aws.secretsManager(), clock);
        // With no names, no prefix and no accounts' secrets of two environments there is nothing
        // to watch: an always-OK check would only be noise.
        if (rotation.enabled() && (rotation.configured() || SecretEnvironment.span(sourceKeys.secrets()))) {
            checks.add(new SecretsRotationCheck(rotation, config.agent().environment(), aws.secretsManager(),
                    sourceKeys));
        }
        var egressConfig = config.checks().egressIp();
        List<EgressSource> egressSources = EgressSources.fromConfig(egressConfig.sources(), aws.imds(), plainHttp);
        EgressIpCheck egressCheck = null;
        if (egressConfig.enabled()) {
            Optional<ElasticIpLookup> elastic = onAws
                    ? Optional.of(new Ec2ElasticIpLookup(aws.ec2())) : Optional.empty();
            egressCheck = new EgressIpCheck(egressConfig, EgressIpCheck.exchangeAllowlists(config.exchanges()),
                    egressSources, elastic, new EgressStateStore(config.agent().stateDir()), clock);
            checks.add(egressCheck);
        }
        egress.set(egressCheck);
        CurrentEgressIp egressIp = new AskingEgressIp(egressCheck != null ? egressCheck : Optional::empty,
                egressSources, clock);
        for (int i = 0; i < config.exchanges().size(); i++) {
            ExchangeAccountConfig account = config.exchanges().get(i);
            if (account.enabled()) {
                checks.add(new ExchangeCheck(account, "exchanges[" + i + "]", credentials.resolver(account),
                        exchanges.create(account.type(), account.baseUrl(), account.timeout()), egressIp, onAws,
                        config.agent().environment()));
            }
        }
        return checks;
    }

    public void start() throws Exception {
        CredwatchConfig config = loaded.get().config();
        // Listen first: /health/live answers while the first round runs, and the checks' own
        // start-up (TLS, SDK clients) does not compete with the server's on a small instance.
        http = new HttpApi(new HttpSettings(config.http().bind(), config.http().port(), this::bearerToken,
                RUN_COOLDOWN), scheduler, new Views(this::egressView, this::fingerprints,
                config.http().whoami() ? Optional.of(this::info) : Optional.empty(),
                Optional.of(new MetricsRoute(() -> new CredwatchMetrics(scheduler::latest, build,
                        new EgressChangeCounter(this::egressChangeTimes, startedAt)).registry()))), clock);
        http.start();
        if (config.jmx().enabled()) {
            jmx = new JmxExporter(ManagementFactory.getPlatformMBeanServer(), scheduler, this, clock);
            jmx.register();
        }
        // Alerts read the configuration on each send, so a reload's webhooks apply at once.
        alerter = new Alerter(() -> loaded.get().config().alerts(), scheduler::latest,
                new AlertOrigin(hostName(), config.agent().environment().label()), clock, plainHttp,
                RetryPolicy.standard());
        scheduler.addListener(alerter);
        alerter.startReminders(REMINDER_TICK);
        scheduler.start();
        systemd.ready();
        LOG.info("credwatch {} serving on {} ({} checks, context {}, environment {}, config {})", build.version(),
                http.uri(), scheduler.ids().size(), config.agent().executionContext(),
                config.agent().environment().label(), loaded.get().describeSource());
    }

    /** Runs the selected checks (all when empty) once and returns their reports. */
    public List<CheckReport> runOnce(List<String> only) {
        List<String> ids = only.isEmpty() ? scheduler.ids() : only;
        List<CompletableFuture<CheckReport>> runs = new ArrayList<>();
        for (String id : ids) {
            runs.add(scheduler.runNow(id));
        }
        List<CheckReport> reports = new ArrayList<>();
        for (CompletableFuture<CheckReport> run : runs) {
            reports.add(run.join());
        }
        return reports;
    }

    public List<String> checkIds() {
        return scheduler.ids();
    }

    /** Where the HTTP API listens, once started. */
    public Optional<URI> httpUri() {
        return Optional.ofNullable(http).map(HttpApi::uri);
    }

    private Object egressView() {
        EgressIpCheck check = egress.get();
        return check == null ? Map.of("enabled", false) : check.view();
    }

    private List<Instant> egressChangeTimes() {
        EgressIpCheck check = egress.get();
        return check == null ? List.of() : check.view().changes().stream().map(EgressState.Change::at).toList();
    }

    private Optional<String> bearerToken() {
        String file = loaded.get().config().http().tokenFile();
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
        LoadedConfig current = loaded.get();
        CredwatchConfig config = current.config();
        List<String> sources = new ArrayList<>();
        for (ExchangeAccountConfig account : config.exchanges()) {
            sources.add(account.id() + ": " + String.join(", ", credentials.resolver(account).sources().stream()
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

    @Override
    public synchronized String reloadConfig() {
        systemd.reloading();
        LoadedConfig next;
        try {
            next = loader.load(configArgument);
        } catch (ConfigException e) {
            LOG.error("configuration reload refused, the running configuration stays: {}{}",
                    loader.locate(configArgument).map(f -> f + ": ").orElse(""), e.getMessage());
            systemd.reloaded(false);
            return "refused: " + e.getMessage();
        }
        EgressIpCheck egressBefore = egress.get();
        List<Check> checks;
        try {
            checks = checksFor(next.config());
        } catch (RuntimeException e) {
            // A value the validator let through: the running checks stay, and no stack trace
            // (its message may quote the value). Not left "reloading" for systemd either.
            egress.set(egressBefore);
            LOG.error("configuration reload refused, the running configuration stays: {}cannot build its checks ({}); "
                    + "validation accepted it, so this is a credwatch bug", loader.locate(configArgument)
                    .map(f -> f + ": ").orElse(""), e.getClass().getSimpleName());
            systemd.reloaded(false);
            return "refused: cannot build the checks (" + e.getClass().getSimpleName() + ")";
        }
        LoadedConfig previous = loaded.getAndSet(next);
        scheduler.replace(checks);
        // A changed allowlist or source must show at once, not at the next interval.
        scheduler.runAll();
        LogSetup.apply(next.config().logging().level(), next.config().logging().levels());
        if (jmx != null) {
            jmx.close();
            jmx = new JmxExporter(ManagementFactory.getPlatformMBeanServer(), scheduler, this, clock);
            try {
                jmx.register();
            } catch (javax.management.JMException e) {
                LOG.warn("JMX re-registration after reload failed: {}", e.getClass().getSimpleName());
            }
        }
        boolean httpChanged = !previous.config().http().bind().equals(next.config().http().bind())
                || !previous.config().http().port().equals(next.config().http().port());
        String line = "reloaded " + next.describeSource() + "; " + scheduler.ids().size() + " checks"
                + (httpChanged ? "; http.bind/http.port changes take effect on restart" : "");
        LOG.info(line);
        systemd.reloaded(true);
        return line;
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
        scheduler.close(STOP_BOUND);
        if (alerter != null) {
            alerter.close(); // after the checks: a last transition still goes out
        }
        aws.close();
        LOG.info("credwatch stopped");
    }
}
