package io.credwatch.egress;

import io.credwatch.check.Category;
import io.credwatch.check.CheckResult;
import io.credwatch.check.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Words the egress check's verdict: status, category, summary and the remediation an operator
 * can act on.
 */
final class EgressVerdicts {

    private final Duration changeWarnFor;

    /** @param changeWarnFor how long a change warns, which the remediation tells */
    EgressVerdicts(Duration changeWarnFor) {
        this.changeWarnFor = changeWarnFor;
    }

    /**
     * First match wins: not allowlisted (CRITICAL), changed recently (WARN), sources disagree
     * (WARN), not elastic (WARN), else OK.
     */
    CheckResult of(EgressFindings found) {
        if (!found.allowlisting().missingFrom().isEmpty()) {
            return notAllowlisted(found);
        }
        if (found.recentChange().isPresent()) {
            return changed(found, found.recentChange().get());
        }
        if (found.decision().disagree()) {
            return disagreement(found.ip(), found.decision());
        }
        ElasticIpStatus elastic = found.elastic();
        if (elastic != null && elastic.kind() == ElasticIpStatus.Kind.NOT_ELASTIC) {
            return CheckResult.warn(Category.NOT_ELASTIC, "egress IP " + found.ip() + " is not an Elastic IP",
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
        Allowlisting allowlisting = found.allowlisting();
        notes.add(allowlisting.configured() ? "allowlisted by " + joinAnd(allowlisting.allowedBy()) : "no allowlist configured");
        return CheckResult.ok("egress IP " + found.ip() + " (" + String.join(", ", notes) + ")");
    }

    private static CheckResult notAllowlisted(EgressFindings found) {
        String ip = found.ip();
        List<String> missingFrom = found.allowlisting().missingFrom();
        String summary = "egress IP " + ip + " is not in the allowlist" + (missingFrom.size() > 1 ? "s" : "")
                + " of " + joinAnd(missingFrom)
                + found.recentChange().map(c -> " (it changed from " + c.from() + " at " + c.at() + ")").orElse("");
        List<String> fixes = new ArrayList<>();
        for (String list : missingFrom) {
            fixes.add(list.equals(Allowlists.GLOBAL)
                    ? "add " + ip + " to " + Allowlists.GLOBAL + " in the credwatch configuration if this host is meant to leave from it"
                    : "add " + ip + " to the API key allowlist of " + list + " (on the exchange), then to its allowlist in the credwatch configuration");
        }
        found.recentChange().ifPresent(c -> fixes.add("or, if the change was not intended, restore egress through " + c.from()
                + " (e.g. re-associate its Elastic IP)"));
        return CheckResult.critical(Category.IP_NOT_ALLOWLISTED, summary, String.join("; ", fixes));
    }

    private CheckResult changed(EgressFindings found, EgressState.Change c) {
        String ip = found.ip();
        Allowlisting allowlisting = found.allowlisting();
        String summary = "egress IP changed from " + c.from() + " to " + c.to() + " at " + c.at();
        String fix = allowlisting.configured()
                ? ip + " is allowlisted by " + joinAnd(allowlisting.allowedBy()) + "; confirm the change was intended "
                        + "(a stop/start without an Elastic IP, a replaced NAT gateway), then remove " + c.from()
                        + " from allowlists that no longer need it"
                : "add " + ip + " to the API key allowlist of every exchange key this host uses (and to "
                        + Allowlists.GLOBAL + " so credwatch can check it); remove " + c.from()
                        + " once nothing leaves from it";
        return CheckResult.warn(Category.IP_CHANGED, summary,
                fix + ". This warning clears " + Durations.format(changeWarnFor) + " after the change.");
    }

    private static CheckResult disagreement(String ip, EgressDecision decision) {
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

    /** The verdict of a run in which no source answered. */
    static CheckResult noAnswer(List<EgressObservation> seen) {
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

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    private static String joinAnd(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
