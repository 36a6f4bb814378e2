package io.credwatch.metrics;

import io.credwatch.check.Category;
import io.credwatch.check.CheckReport;
import io.credwatch.check.CredentialKind;
import io.credwatch.check.Expiry;
import io.credwatch.info.BuildInfo;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Every credwatch metric, declared once. Values are read from the store's latest reports
 * when Prometheus scrapes: the reports already hold them as typed facts (statuses, expiries,
 * subjects), a scrape never waits for a running check, and nothing is counted twice. No
 * metric reads a report's {@code details}. Labels are check ids, check types, exchange
 * account ids and names, closed sets (credential kinds, true/false) and the version: never a
 * key id, a secret, a timestamp or free text.
 */
public final class CredwatchMetrics {


    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Supplier<List<CheckReport>> latest;

    /**
     * @param latest        the latest report of every current check (the store's {@code latest()})
     * @param egressChanges how many times the egress IP changed since start (monotonic)
     */
    public CredwatchMetrics(Supplier<List<CheckReport>> latest, BuildInfo build, LongSupplier egressChanges) {
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
