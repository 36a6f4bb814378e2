package io.credwatch.egress;

import io.credwatch.check.Category;
import io.credwatch.check.ScheduledCheck;
import io.credwatch.check.Tolerance;
import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckResult;
import io.credwatch.check.Durations;
import io.credwatch.config.EgressIpCheckConfig;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.net.IpRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * {@code egress-ip}: which public IP this host's traffic leaves from, whether every allowlist
 * holds it, whether it changed, whether the sources agree, and (in the AWS context) whether it
 * is an Elastic IP. First match wins: no answer (UNKNOWN), not allowlisted (CRITICAL), changed
 * within {@code changeWarnFor} (WARN), sources disagree (WARN), not elastic (WARN), else OK.
 *
 * <p>Echo services see the address traffic really arrives from, so they decide the IP; IMDS
 * only corroborates. The last known IP and its changes live in the {@link EgressMemory}, which
 * keeps a copy in the state file, so a change is still reported after a restart.
 */
public final class EgressIpCheck extends ScheduledCheck implements CurrentEgressIp {

    public static final String ID = "egress-ip";
    public static final String GLOBAL_ALLOWLIST = "checks.egress-ip.allowlist";

    /** No source is worth waiting longer for, whatever the check's timeout. */
    static final Duration SOURCE_CAP = Duration.ofSeconds(5);
    static final Duration ELASTIC_CAP = Duration.ofSeconds(5);
    private static final Duration GRACE = Duration.ofMillis(200);

    private final EgressIpCheckConfig config;
    private final List<IpRange> globalAllowlist;
    private final Map<String, List<IpRange>> exchangeAllowlists;
    private final List<EgressSource> sources;
    private final Optional<ElasticIpLookup> elasticIpLookup;
    private final EgressMemory memory;
    private final Clock clock;
    private final ExecutorService pool;
    /** A source whose previous call has not returned yet (an SDK call ignores interrupts) is not called again. */
    private final Map<EgressSource, AtomicBoolean> busy = new IdentityHashMap<>();
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
        this.globalAllowlist = ranges(config.allowlist());
        Map<String, List<IpRange>> byAccount = new LinkedHashMap<>();
        exchangeAllowlists.forEach((account, list) -> byAccount.put(account, ranges(list)));
        this.exchangeAllowlists = byAccount;
        this.sources = List.copyOf(sources);
        this.elasticIpLookup = Objects.requireNonNull(elasticIpLookup, "elasticIpLookup");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (EgressSource s : this.sources) {
            busy.put(s, new AtomicBoolean());
        }
        this.pool = Objects.requireNonNull(sourceCalls, "sourceCalls");
    }

    /** Each exchange account's allowlist by account id, as the constructor takes them. */
    public static Map<String, List<String>> exchangeAllowlists(List<ExchangeAccountConfig> accounts) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (ExchangeAccountConfig a : accounts) {
            m.put(a.id(), a.allowlist());
        }
        return m;
    }

    private static List<IpRange> ranges(List<String> entries) {
        // The configuration loader refuses bad entries; one that slips through matches nothing.
        return entries.stream().map(IpRange::parse).flatMap(Optional::stream).toList();
    }

    @Override
    public Optional<String> current() {
        EgressView v = lastView;
        return v == null ? Optional.empty() : Optional.ofNullable(v.currentIp());
    }

    /** For {@code GET /egress}: the latest run, or before any, what the memory (or its state file) knows. */
    public EgressView view() {
        EgressView v = lastView;
        if (v != null) {
            return v;
        }
        EgressMemory.Known known = memory.known();
        EgressState s = known.state();
        return new EgressView(null, null, List.of(), "not checked yet", null, null,
                s == null ? null : s.ip(), s == null ? null : s.firstSeen(), s == null ? null : s.lastSeen(),
                s == null ? List.of() : s.changes(), known.problem());
    }

    @Override
    public CheckResult run(CheckContext context) throws InterruptedException {
        Duration remaining = context.remaining();
        Duration share = elasticIpLookup.isPresent() ? remaining.dividedBy(2) : remaining.multipliedBy(9).dividedBy(10);
        Duration budget = min(SOURCE_CAP, share);
        Duration wait = budget.plus(min(GRACE, remaining.minus(budget)));
        List<EgressObservation> seen = observeAll(budget, wait);
        Instant now = clock.instant();

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sources", seen.stream().map(EgressObservation::toDetail).toList());
        Decision decision = decide(seen);

        if (decision.ip() == null) {
            EgressMemory.Known known = memory.known();
            known.value().ifPresent(s -> details.put("lastKnownIp", s.ip()));
            if (known.problem() != null) {
                details.put("state", known.problem());
            }
            EgressState s = known.state();
            lastView = new EgressView(null, now, seen, "not checked (no egress IP)", null, null,
                    s == null ? null : s.ip(), s == null ? null : s.firstSeen(),
                    s == null ? null : s.lastSeen(), s == null ? List.of() : s.changes(), known.problem());
            return noAnswer(seen).withDetails(details);
        }

        String ip = decision.ip();
        details.put("ip", ip);
        details.put("decidedBy", decision.decidedBy());

        ElasticIpStatus elastic = elasticIpLookup
                .map(l -> l.lookup(ip, min(ELASTIC_CAP, context.remaining())))
                .orElse(null);

        EgressMemory.Recorded recorded = memory.record(ip, now, context.persistent());
        EgressState next = recorded.state();
        List<String> stateProblems = recorded.problems();
        details.put("firstSeen", next.firstSeen().toString());
        Optional<EgressState.Change> change = next.lastChange();
        change.ifPresent(c -> details.put("lastChange",
                Map.of("from", c.from(), "to", c.to(), "at", c.at().toString())));
        Optional<EgressState.Change> recentChange = change
                .filter(c -> now.isBefore(c.at().plus(config.changeWarnFor())));
        if (!recorded.notes().isEmpty()) {
            details.put("state", String.join("; ", recorded.notes()));
        }

        Allowlisting allowlisting = allowlisting(ip);
        if (allowlisting.configured()) {
            details.put("allowlistedBy", allowlisting.allowedBy());
            details.put("missingFrom", allowlisting.missingFrom());
        } else {
            details.put("allowlist", "none configured: list the IPs your exchange keys allow under "
                    + GLOBAL_ALLOWLIST + " or an exchange account's allowlist, and credwatch compares them");
        }

        Object elasticDetail = elastic == null ? "not checked (outside the AWS execution context)" : elastic.detail();
        details.put("elastic", elasticDetail);
        if (elastic != null && elastic.kind() == ElasticIpStatus.Kind.ELASTIC) {
            if (elastic.allocationId() != null) {
                details.put("allocationId", elastic.allocationId());
            }
            details.put("associatedWith", elastic.associatedWith());
        }
        if (decision.disagree()) {
            details.put("disagreement", decision.byIp());
        }

        lastView = new EgressView(ip, now, seen, elasticDetail,
                elastic == null ? null : elastic.allocationId(), elastic == null ? null : elastic.associatedWith(),
                next.ip(), next.firstSeen(), next.lastSeen(), next.changes(),
                stateProblems.isEmpty() ? null : String.join("; ", stateProblems));

        return verdict(ip, decision, allowlisting, recentChange, elastic).withDetails(details);
    }

    private CheckResult verdict(String ip, Decision decision, Allowlisting allowlisting,
                                Optional<EgressState.Change> recentChange, ElasticIpStatus elastic) {
        if (!allowlisting.missingFrom().isEmpty()) {
            String where = joinAnd(allowlisting.missingFrom());
            String summary = "egress IP " + ip + " is not in the allowlist" + (allowlisting.missingFrom().size() > 1 ? "s" : "")
                    + " of " + where + recentChange.map(c -> " (it changed from " + c.from() + " at " + c.at() + ")").orElse("");
            List<String> fixes = new ArrayList<>();
            for (String list : allowlisting.missingFrom()) {
                fixes.add(list.equals(GLOBAL_ALLOWLIST)
                        ? "add " + ip + " to " + GLOBAL_ALLOWLIST + " in the credwatch configuration if this host is meant to leave from it"
                        : "add " + ip + " to the API key allowlist of " + list + " (on the exchange), then to its allowlist in the credwatch configuration");
            }
            recentChange.ifPresent(c -> fixes.add("or, if the change was not intended, restore egress through " + c.from()
                    + " (e.g. re-associate its Elastic IP)"));
            return CheckResult.critical(Category.IP_NOT_ALLOWLISTED, summary, String.join("; ", fixes));
        }
        if (recentChange.isPresent()) {
            EgressState.Change c = recentChange.get();
            String summary = "egress IP changed from " + c.from() + " to " + c.to() + " at " + c.at();
            String fix = allowlisting.configured()
                    ? ip + " is allowlisted by " + joinAnd(allowlisting.allowedBy()) + "; confirm the change was intended "
                            + "(a stop/start without an Elastic IP, a replaced NAT gateway), then remove " + c.from()
                            + " from allowlists that no longer need it"
                    : "add " + ip + " to the API key allowlist of every exchange key this host uses (and to "
                            + GLOBAL_ALLOWLIST + " so credwatch can check it); remove " + c.from()
                            + " once nothing leaves from it";
            return CheckResult.warn(Category.IP_CHANGED, summary,
                    fix + ". This warning clears " + Durations.format(config.changeWarnFor()) + " after the change.");
        }
        if (decision.disagree()) {
            String who = decision.byIp().entrySet().stream()
                    .map(e -> String.join(", ", e.getValue()) + " saw " + e.getKey())
                    .collect(Collectors.joining("; "));
            boolean echoesDisagree = decision.trafficIps() > 1;
            String fix = echoesDisagree
                    ? "echo services saw different addresses, so traffic leaves through more than one (several NAT "
                            + "gateways, a proxy for some destinations); pin the route, or allowlist every address an "
                            + "exchange may see: " + String.join(", ", decision.byIp().keySet())
                    : "imds shows the instance's own public IP, echo services where traffic really leaves from; if "
                            + "traffic goes through a proxy, VPN or NAT on purpose, remove imds from "
                            + "checks.egress-ip.sources, otherwise find the route that sends traffic out through " + ip;
            return CheckResult.warn(Category.SOURCES_DISAGREE, "sources disagree: " + who + "; using " + ip, fix);
        }
        if (elastic != null && elastic.kind() == ElasticIpStatus.Kind.NOT_ELASTIC) {
            return CheckResult.warn(Category.NOT_ELASTIC, "egress IP " + ip + " is not an Elastic IP",
                    "this IP changes on the next stop/start; associate an Elastic IP, or route through a NAT "
                            + "gateway with one, then allowlist that");
        }
        List<String> notes = new ArrayList<>();
        if (elastic != null) {
            notes.add(switch (elastic.kind()) {
                case ELASTIC -> "elastic";
                case NOT_ELASTIC -> "not elastic";
                case UNKNOWN -> "elastic unknown";
            });
        }
        notes.add(allowlisting.configured() ? "allowlisted by " + joinAnd(allowlisting.allowedBy()) : "no allowlist configured");
        return CheckResult.ok("egress IP " + ip + " (" + String.join(", ", notes) + ")");
    }

    private CheckResult noAnswer(List<EgressObservation> seen) {
        // Every source failing the same way (all too slow, all answering pages) names that way.
        Set<Category> ways = seen.stream().map(EgressObservation::failure).collect(Collectors.toSet());
        Category category = ways.size() == 1 ? ways.iterator().next() : Category.UNAVAILABLE;
        String why = seen.stream().map(o -> o.source() + ": " + o.error()).collect(Collectors.joining("; "));
        String summary = seen.isEmpty() ? "no egress source configured" : "no source answered (" + why + ")";
        String fix = "check that this host can reach the echo URLs in checks.egress-ip.sources over HTTPS (security "
                + "group and network ACL egress rules, proxy), and that IMDS answers (in a container, the instance's "
                + "metadata hop limit must be 2)";
        return CheckResult.unknown(category, summary, fix);
    }

    private List<EgressObservation> observeAll(Duration budget, Duration wait) throws InterruptedException {
        long until = System.nanoTime() + wait.toNanos();
        List<Future<EgressObservation>> calls = new ArrayList<>();
        for (EgressSource source : sources) {
            AtomicBoolean flag = busy.get(source);
            if (!flag.compareAndSet(false, true)) {
                calls.add(null);
                continue;
            }
            try {
                calls.add(pool.submit(() -> observe(source, budget, flag)));
            } catch (RuntimeException rejected) {
                flag.set(false);
                throw rejected;
            }
        }
        List<EgressObservation> out = new ArrayList<>();
        try {
            for (int i = 0; i < sources.size(); i++) {
                EgressSource source = sources.get(i);
                Future<EgressObservation> call = calls.get(i);
                if (call == null) {
                    out.add(EgressObservation.failed(source.name(), Category.TIMEOUT,
                            "still waiting for its previous request", 0));
                    continue;
                }
                try {
                    out.add(call.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    call.cancel(true);
                    out.add(EgressObservation.failed(source.name(), Category.TIMEOUT,
                            "no answer within " + budget.toMillis() + "ms", wait.toMillis()));
                } catch (ExecutionException e) {
                    out.add(EgressObservation.failed(source.name(), Category.UNAVAILABLE,
                            "failed (" + e.getCause().getClass().getSimpleName() + ")", 0));
                }
            }
        } catch (InterruptedException e) {
            calls.stream().filter(Objects::nonNull).forEach(c -> c.cancel(true));
            throw e;
        }
        return out;
    }

    private static EgressObservation observe(EgressSource source, Duration budget, AtomicBoolean flag) {
        long start = System.nanoTime();
        try {
            String ip = source.observe(budget);
            return EgressObservation.saw(source.name(), ip, millisSince(start));
        } catch (EgressSourceException e) {
            return EgressObservation.failed(source.name(), e.category(), e.getMessage(), millisSince(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EgressObservation.failed(source.name(), Category.TIMEOUT, "abandoned at the deadline", millisSince(start));
        } catch (RuntimeException e) {
            // Never the message: a client's exception can echo the request.
            return EgressObservation.failed(source.name(), Category.UNAVAILABLE,
                    "failed (" + e.getClass().getSimpleName() + ")", millisSince(start));
        } finally {
            flag.set(false);
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /**
     * The egress IP: the one most echo sources saw (ties go to the source listed first); IMDS
     * decides only when no echo source answered.
     */
    private Decision decide(List<EgressObservation> seen) {
        Map<String, List<String>> byIp = new LinkedHashMap<>();
        Map<String, Integer> trafficVotes = new LinkedHashMap<>();
        Map<String, List<String>> trafficSources = new LinkedHashMap<>();
        for (int i = 0; i < seen.size(); i++) {
            EgressObservation o = seen.get(i);
            if (!o.answered()) {
                continue;
            }
            byIp.computeIfAbsent(o.ip(), k -> new ArrayList<>()).add(o.source());
            if (sources.get(i).seesTraffic()) {
                trafficVotes.merge(o.ip(), 1, Integer::sum);
                trafficSources.computeIfAbsent(o.ip(), k -> new ArrayList<>()).add(o.source());
            }
        }
        if (byIp.isEmpty()) {
            return new Decision(null, List.of(), byIp, 0);
        }
        Map<String, List<String>> basis = trafficSources.isEmpty() ? byIp : trafficSources;
        String ip = null;
        int best = 0;
        for (Map.Entry<String, List<String>> e : basis.entrySet()) {
            if (e.getValue().size() > best) {
                best = e.getValue().size();
                ip = e.getKey();
            }
        }
        return new Decision(ip, List.copyOf(basis.get(ip)), byIp, trafficVotes.size());
    }

    private record Decision(String ip, List<String> decidedBy, Map<String, List<String>> byIp, int trafficIps) {
        boolean disagree() {
            return byIp.size() > 1;
        }
    }

    private Allowlisting allowlisting(String ip) {
        List<String> allowedBy = new ArrayList<>();
        List<String> missingFrom = new ArrayList<>();
        boolean configured = false;
        if (!globalAllowlist.isEmpty()) {
            configured = true;
            (contains(globalAllowlist, ip) ? allowedBy : missingFrom).add(GLOBAL_ALLOWLIST);
        }
        for (Map.Entry<String, List<IpRange>> e : exchangeAllowlists.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            configured = true;
            (contains(e.getValue(), ip) ? allowedBy : missingFrom).add("exchange account " + e.getKey());
        }
        return new Allowlisting(configured, allowedBy, missingFrom);
    }

    private static boolean contains(List<IpRange> list, String ip) {
        return list.stream().anyMatch(r -> r.contains(ip));
    }

    private record Allowlisting(boolean configured, List<String> allowedBy, List<String> missingFrom) {
    }

    private static String joinAnd(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static Duration min(Duration a, Duration b) {
        Duration m = a.compareTo(b) <= 0 ? a : b;
        return m.isNegative() ? Duration.ZERO : m;
    }
}
