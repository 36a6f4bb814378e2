package io.credwatch.metrics;

import io.credwatch.check.Category;
import io.credwatch.check.CheckReport;
import io.credwatch.check.CheckStats;
import io.credwatch.check.CredentialKind;
import io.credwatch.check.Expiry;
import io.credwatch.check.Subject;
import io.credwatch.info.BuildInfo;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Every credwatch metric, declared once. Values are read from the store's latest reports
 * when Prometheus scrapes: the reports already hold them as typed facts (statuses, expiries,
 * subjects), a scrape never waits for a running check, and nothing is counted twice. No
 * metric reads a report's {@code details}. Labels are check ids, check types, exchange
 * account ids and names, secret names, the environment, closed sets (credential kinds,
 * true/false), the version, the egress IP and a key's safe fingerprint (10 hex characters,
 * what every face shows; a fleet's rules compare them across hosts): never a key id, a secret,
 * a timestamp or free text. Each is bounded by the configuration, one series per account,
 * secret or allowlist.
 */
public final class CredwatchMetrics {


    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Supplier<List<CheckReport>> latest;

    /**
     * @param latest        the latest report of every current check (the store's {@code latest()})
     * @param egressChanges how many times the egress IP changed since start (monotonic)
     */
    public CredwatchMetrics(Supplier<List<CheckReport>> latest, BuildInfo build, LongSupplier egressChanges) {
        this(latest, build, egressChanges, Optional::empty, id -> Optional.empty());
    }

    /**
     * @param latest        the latest report of every current check (the store's {@code latest()})
     * @param egressChanges how many times the egress IP changed since start (monotonic)
     * @param egress        the egress IP and its allowlisting now; empty while no IP is decided
     * @param stats         a check's run counters (the store's {@code stats(id)})
     */
    public CredwatchMetrics(Supplier<List<CheckReport>> latest, BuildInfo build, LongSupplier egressChanges,
                            Supplier<Optional<EgressFacts>> egress, Function<String, Optional<CheckStats>> stats) {
        this.latest = latest;
        GaugeWithCallback.builder()
                .name("credwatch_check_status")
                .help("Latest status of the check: 0 OK, 1 WARN, 2 CRITICAL, 3 UNKNOWN")
                .labelNames("check", "type")
                .callback(cb -> latest.get().forEach(r -> cb.call(r.status().exitCode(), r.id(), r.type())))
                .register(registry);
        GaugeWithCallback.builder()
                .name("credwatch_check_last_run_timestamp_seconds")
                .help("When the check's latest run started, in seconds since the epoch")
                .unit(Unit.SECONDS)
                .labelNames("check", "type")
                .callback(cb -> latest.get().forEach(r -> cb.call(epochSeconds(r.startedAt()), r.id(), r.type())))
                .register(registry);
        GaugeWithCallback.builder()
                .name("credwatch_check_duration_seconds")
                .help("How long the check's latest run took")
                .unit(Unit.SECONDS)
                .labelNames("check", "type")
                .callback(cb -> latest.get().forEach(r -> cb.call(r.durationMs() / 1000.0, r.id(), r.type())))
                .register(registry);
        CounterWithCallback.builder()
                .name("credwatch_check_runs_total")
                .help("Runs of the check that finished since it was configured (a reload that changes the check "
                        + "starts it again from 0)")
                .labelNames("check", "type")
                .callback(cb -> latest.get().forEach(r -> stats.apply(r.id()).ifPresent(s -> cb.call(s.runCount(),
                        r.id(), r.type()))))
                .register(registry);
        GaugeWithCallback.builder()
                .name("credwatch_check_stale")
                .help("1 while no run of the check has finished for twice its interval plus its timeout, else 0")
                .labelNames("check", "type")
                .callback(cb -> latest.get().forEach(r -> cb.call(r.category() == Category.STALE ? 1 : 0, r.id(),
                        r.type())))
                .register(registry);
        GaugeWithCallback.builder()
                .name("credwatch_check_raw_status")
                .help("Status of the check's latest run before flap tolerance: 0 OK, 1 WARN, 2 CRITICAL, 3 UNKNOWN")
                .labelNames("check", "type")
                .callback(cb -> latest.get().forEach(r -> cb.call(r.rawStatus().exitCode(), r.id(), r.type())))
                .register(registry);
        GaugeWithCallback.builder()
                .name("credwatch_aws_credentials_expiry_timestamp_seconds")
                .help("When the AWS credentials the SDK chain resolves expire; absent for long-term keys. "
                        + "refreshed=\"true\" when the SDK renews them before then on its own (an instance role)")
                .unit(Unit.SECONDS)
                .labelNames("refreshed")
                .callback(cb -> expiries(CredentialKind.AWS_CREDENTIALS).forEach(e -> cb.call(
                        epochSeconds(e.expiry().at()), Boolean.toString(e.expiry().refreshed()))))
                .register(registry);
        GaugeWithCallback.builder()
                .name("credwatch_exchange_key_expiry_timestamp_seconds")
                .help("When the exchange API key expires, where the exchange says so; kept after it passes")
                .unit(Unit.SECONDS)
                .labelNames("check", "account", "exchange")
                .callback(cb -> expiries(CredentialKind.EXCHANGE_KEY).forEach(e -> cb.call(
                        epochSeconds(e.expiry().at()), e.report().id(), account(e.report()), exchange(e.report()))))
                .register(registry);
        GaugeWithCallback.builder()
                .name("credwatch_credential_expiry_timestamp_seconds")
                .help("When a credential expires (AWS credentials, an exchange key) or a secret's rotation is due; "
                        + "kept after it passes. refreshed=\"true\" when something renews it on its own (the SDK, "
                        + "for an instance role)")
                .unit(Unit.SECONDS)
                .labelNames("check", "kind", "credential", "refreshed")
                .callback(cb -> latest.get().forEach(r -> r.expiries().forEach(e -> cb.call(
                        epochSeconds(e.at()), r.id(), e.kind().name(), credential(r, e),
                        Boolean.toString(e.refreshed())))))
                .register(registry);
        GaugeWithCallback.builder()
                .name("credwatch_exchange_key_info")
                .help("The API key an exchange account's latest run resolved: its safe fingerprint (10 hex "
                        + "characters of its SHA-256) and the environment it serves; always 1")
                .labelNames("check", "exchange", "account", "environment", "fingerprint")
                .callback(cb -> latest.get().forEach(r -> {
                    Subject s = r.subject();
                    if (s != null && !s.fingerprint().isEmpty()) {
                        cb.call(1, r.id(), s.exchange(), s.account(), s.environment(), s.fingerprint());
                    }
                }))
                .register(registry);
        GaugeWithCallback.builder()
                .name("credwatch_egress_ip_info")
                .help("The egress IP the latest egress-ip run decided; always 1, absent while none is known")
                .labelNames("ip")
                .callback(cb -> egress.get().ifPresent(f -> cb.call(1, f.ip())))
                .register(registry);
        GaugeWithCallback.builder()
                .name("credwatch_egress_ip_allowlisted")
                .help("1 when the egress IP is in the allowlist, 0 when not; account=\"\" is "
                        + "checks.egress-ip.allowlist, else the exchange account's allowlist")
                .labelNames("account")
                .callback(cb -> egress.get().ifPresent(f -> f.allowlists().forEach(a -> cb.call(
                        a.holdsIp() ? 1 : 0, a.account()))))
                .register(registry);
        CounterWithCallback.builder()
                .name("credwatch_egress_ip_changes_total")
                .help("Egress IP changes seen since credwatch started")
                .callback(cb -> cb.call(egressChanges.getAsLong()))
                .register(registry);
        Info info = Info.builder()
                .name("credwatch_build_info")
                .help("The running credwatch build; always 1")
                .labelNames("version", "build_time", "java_version")
                .register(registry);
        info.setLabelValues(build.version(), build.buildTime(), Runtime.version().feature() + "");
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    private record Expiring(CheckReport report, Expiry expiry) {
    }

    /** Every expiry of this kind in the latest reports, one per report at most: the first it names. */
    private List<Expiring> expiries(CredentialKind kind) {
        return latest.get().stream()
                .flatMap(r -> r.expiries().stream().filter(e -> e.kind() == kind).limit(1)
                        .map(e -> new Expiring(r, e)))
                .toList();
    }

    /**
     * Which credential an expiry is about, safe as a label: the exchange account or the secret's
     * name, both from the configuration. Never the AWS access key id the expiry's name shows: the
     * credentials of the SDK's default chain are named for the chain.
     */
    private static String credential(CheckReport report, Expiry expiry) {
        return switch (expiry.kind()) {
            case AWS_CREDENTIALS -> "default-chain";
            case EXCHANGE_KEY -> report.subject() != null ? report.subject().account() : expiry.name();
            case SECRET -> expiry.name();
        };
    }

    private static String account(CheckReport report) {
        return report.subject() != null ? report.subject().account() : report.id();
    }

    private static String exchange(CheckReport report) {
        return report.subject() != null ? report.subject().exchange() : "";
    }

    private static double epochSeconds(Instant at) {
        return at.toEpochMilli() / 1000.0;
    }
}
