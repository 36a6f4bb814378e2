package io.credwatch;

import io.credwatch.config.CredwatchConfig;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.config.LoadedConfig;
import io.credwatch.credential.AccountCredentials;
import io.credwatch.credential.CredentialFingerprint;
import io.credwatch.credential.CredentialSource;
import io.credwatch.credential.FingerprintReport;
import io.credwatch.egress.EgressIpCheck;
import io.credwatch.egress.EgressState;
import io.credwatch.http.DirectRoute;
import io.credwatch.http.Reply;
import io.credwatch.info.AgentInfo;
import io.credwatch.info.BuildInfo;
import io.credwatch.metrics.EgressFacts;
import io.credwatch.metrics.MetricsScrape;
import io.credwatch.net.IpRange;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the faces show besides check results, read from the running configuration at the
 * moment they are asked: the egress view, the fingerprints, who this agent is. The faces know
 * none of the features these come from; this is where the two meet.
 */
final class AgentViews {

    /** Per account, for {@code /fingerprints} and {@code credwatch fingerprint}: Secrets Manager is a network call. */
    static final Duration FINGERPRINT_BUDGET = Duration.ofSeconds(5);

    private final Supplier<CheckCatalog.Configured> running;
    private final AccountCredentials credentials;
    private final BuildInfo build;
    private final Instant startedAt;
    private final Clock clock;

    AgentViews(Supplier<CheckCatalog.Configured> running, AccountCredentials credentials, BuildInfo build,
               Instant startedAt, Clock clock) {
        this.running = running;
        this.credentials = credentials;
        this.build = build;
        this.startedAt = startedAt;
        this.clock = clock;
    }

    /** {@code GET /egress}. */
    Object egress() {
        return running.get().egress().<Object>map(EgressIpCheck::view).orElse(Map.of("enabled", false));
    }

    /** When the egress IP changed, for the metrics' change counter. */
    List<Instant> egressChangeTimes() {
        return running.get().egress()
                .map(check -> check.view().changes().stream().map(EgressState.Change::at).toList())
                .orElse(List.of());
    }

    /**
     * The egress IP and, per configured allowlist, whether it holds it, for the metrics face:
     * typed facts from the egress check's view and the running configuration's allowlists
     * (the same lists the egress check judges), never its {@code details}.
     */
    Optional<EgressFacts> egressFacts() {
        CheckCatalog.Configured now = running.get();
        Optional<String> ip = now.egress().map(check -> check.view().currentIp());
        if (ip.isEmpty()) {
            return Optional.empty();
        }
        CredwatchConfig config = now.config();
        List<EgressFacts.Allowlisted> lists = new ArrayList<>();
        List<String> global = config.checks().egressIp().allowlist();
        if (!global.isEmpty()) {
            lists.add(new EgressFacts.Allowlisted("", holds(global, ip.get())));
        }
        for (ExchangeAccountConfig account : config.exchanges()) {
            if (account.enabled() && !account.allowlist().isEmpty()) {
                lists.add(new EgressFacts.Allowlisted(account.id(), holds(account.allowlist(), ip.get())));
            }
        }
        return Optional.of(new EgressFacts(ip.get(), lists));
    }

    private static boolean holds(List<String> allowlist, String ip) {
        return allowlist.stream().map(IpRange::parse).flatMap(Optional::stream).anyMatch(r -> r.contains(ip));
    }

    /** {@code GET /fingerprints}: every enabled account's key, resolved now. */
    List<CredentialFingerprint> fingerprints() {
        try {
            return FingerprintReport.of(running.get().config(), credentials, clock, FINGERPRINT_BUDGET).resolve();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resolving credentials");
        }
    }

    /** {@code GET /whoami} and the JMX Agent bean. */
    AgentInfo info() {
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

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown");
        }
    }

    /** The metrics face knows nothing of HTTP; this is where its scrape becomes a route. */
    static DirectRoute route(MetricsScrape metrics) {
        return accept -> {
            MetricsScrape.Exposition e = metrics.write(accept);
            return new Reply(200, e.contentType(), e.body());
        };
    }
}
