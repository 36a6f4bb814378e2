package io.credwatch.egress;

import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckResult;
import io.credwatch.check.ScheduledCheck;
import io.credwatch.check.Tolerance;
import io.credwatch.config.EgressIpCheckConfig;
import io.credwatch.config.ExchangeAccountConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * {@code egress-ip}: which public IP this host's traffic leaves from, whether every allowlist
 * holds it, whether it changed, whether the sources agree, and (in the AWS context) whether it
 * is an Elastic IP. No answer is UNKNOWN; {@link EgressVerdicts} ranks the rest.
 *
 * <p>Each job has its class: {@link ParallelSources} asks the sources within the deadline,
 * {@link EgressDecision} picks the IP from what they saw, {@link Allowlists} judges it, the
 * {@link EgressMemory} keeps the last known IP and its changes (with a copy in the state file, so
 * a change is still reported after a restart), and {@link EgressVerdicts} and
 * {@link EgressDetails} word the result. This class runs them in order and keeps the latest view.
 */
public final class EgressIpCheck extends ScheduledCheck implements CurrentEgressIp {

    public static final String ID = "egress-ip";
    public static final String GLOBAL_ALLOWLIST = Allowlists.GLOBAL;

    private final EgressIpCheckConfig config;
    private final List<EgressSource> sources;
    private final ParallelSources calls;
    private final Allowlists allowlists;
    private final Optional<ElasticIpLookup> elasticIpLookup;
    private final EgressMemory memory;
    private final EgressVerdicts verdicts;
    private final Clock clock;
    private volatile EgressView lastView;

    /**
     * @param exchangeAllowlists each exchange account's {@code allowlist}, by account id, in configuration order
     * @param elasticIpLookup    present in the AWS execution context only
     * @param sourceCalls        one thread per source call, so a hanging source delays no other; the
     *                           composition root's, shared by every configuration a reload builds
     */
    public EgressIpCheck(EgressIpCheckConfig config, Map<String, List<String>> exchangeAllowlists,
                         List<EgressSource> sources, Optional<ElasticIpLookup> elasticIpLookup,
                         EgressMemory memory, Clock clock, ExecutorService sourceCalls) {
        super(ID, ID, config.interval(), config.timeout(),
                Tolerance.of(config.raiseAfter(), config.raiseDefinitiveAfter(), config.clearAfter()));
        this.config = Objects.requireNonNull(config, "config");
        this.allowlists = new Allowlists(config.allowlist(), exchangeAllowlists);
        this.sources = List.copyOf(sources);
        this.elasticIpLookup = Objects.requireNonNull(elasticIpLookup, "elasticIpLookup");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.calls = new ParallelSources(this.sources, Objects.requireNonNull(sourceCalls, "sourceCalls"));
        this.verdicts = new EgressVerdicts(config.changeWarnFor());
    }

    /** Each exchange account's allowlist by account id, as the constructor takes them. */
    public static Map<String, List<String>> exchangeAllowlists(List<ExchangeAccountConfig> accounts) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (ExchangeAccountConfig a : accounts) {
            m.put(a.id(), a.allowlist());
        }
        return m;
    }

    @Override
    public Optional<String> current() {
        EgressView v = lastView;
        return v == null ? Optional.empty() : Optional.ofNullable(v.currentIp());
    }

    /** For {@code GET /egress}: the latest run, or before any, what the memory (or its state file) knows. */
    public EgressView view() {
        EgressView v = lastView;
        return v != null ? v : EgressView.undecided(null, List.of(), "not checked yet", memory.known());
    }

    @Override
    public CheckResult run(CheckContext context) throws InterruptedException {
        List<EgressObservation> seen = calls.observe(RunBudget.of(context.remaining(), elasticIpLookup.isPresent()));
        Instant now = clock.instant();
        EgressDecision decision = EgressDecision.decide(sources, seen);
        if (decision.ip() == null) {
            EgressMemory.Known known = memory.known();
            lastView = EgressView.undecided(now, seen, "not checked (no egress IP)", known);
            return EgressVerdicts.noAnswer(seen).withDetails(EgressDetails.noAnswer(seen, known));
        }
        String ip = decision.ip();
        ElasticIpStatus elastic = elasticIpLookup
                .map(l -> l.lookup(ip, RunBudget.elasticLookup(context.remaining())))
                .orElse(null);
        EgressMemory.Recorded recorded = memory.record(ip, now, context.persistent());
        EgressFindings found = new EgressFindings(decision, recorded,
                recorded.changeWithin(config.changeWarnFor(), now), allowlists.judge(ip), elastic);
        lastView = EgressView.decided(now, seen, found);
        return verdicts.of(found).withDetails(EgressDetails.of(seen, found));
    }
}
