package io.credwatch.metrics;

import io.credwatch.check.CheckReport;
import io.credwatch.info.BuildInfo;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Every credwatch metric, declared once. Values are read from the scheduler's latest reports
 * when Prometheus scrapes: the reports already hold them, a scrape never waits for a running
 * check (the scheduler hands out the last finished report), and nothing is counted twice.
 * Labels are check ids, check types, exchange account ids and names, and the version: never a
 * key id, a secret, or anything else from the details.
 */
public final class CredwatchMetrics {

    static final String AWS_CHECK = "aws-credentials";
    static final String EXCHANGE_TYPE = "exchange";
    private static final String EXCHANGE_PREFIX = "exchange:";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Supplier<List<CheckReport>> latest;

    /**
     * @param latest        the latest report of every current check (the scheduler's {@code latest()})
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
                .name("credwatch_aws_credentials_expiry_timestamp_seconds")
                .help("When the temporary AWS credentials the SDK chain resolves expire; absent for long-term keys")
                .unit(Unit.SECONDS)
                .callback(cb -> awsExpiry().ifPresent(at -> cb.call(epochSeconds(at))))
                .register(registry);
        GaugeWithCallback.builder()
                .name("credwatch_exchange_key_expiry_timestamp_seconds")
                .help("When the exchange API key expires, where the exchange says so")
                .unit(Unit.SECONDS)
                .labelNames("check", "account", "exchange")
                .callback(cb -> {
                    for (CheckReport r : latest.get()) {
                        if (EXCHANGE_TYPE.equals(r.type())) {
                            instant(r, "keyExpiresAt").ifPresent(at -> cb.call(epochSeconds(at), r.id(),
                                    account(r.id()), String.valueOf(r.details().getOrDefault("exchange", ""))));
                        }
                    }
                })
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

    private Optional<Instant> awsExpiry() {
        return latest.get().stream().filter(r -> AWS_CHECK.equals(r.id())).findFirst()
                .flatMap(r -> instant(r, "expiresAt"));
    }

    private static String account(String checkId) {
        return checkId.startsWith(EXCHANGE_PREFIX) ? checkId.substring(EXCHANGE_PREFIX.length()) : checkId;
    }

    private static Optional<Instant> instant(CheckReport report, String key) {
        Object value = report.details().get(key);
        if (value instanceof Instant at) {
            return Optional.of(at);
        }
        if (value instanceof String text) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException e) {
                return Optional.empty(); // a malformed detail is the check's bug; the metric is simply absent
            }
        }
        return Optional.empty();
    }

    private static double epochSeconds(Instant at) {
        return at.toEpochMilli() / 1000.0;
    }
}
