package io.credwatch.aws;

import io.credwatch.awsclient.AwsFailure;
import io.credwatch.check.Category;
import io.credwatch.check.CheckContext;
import io.credwatch.check.Finding;
import io.credwatch.check.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks each configured service whether the credentials may use it, and sums the answers up:
 * a service that refuses the credentials or cannot be asked is a finding of its own; denied
 * actions, when nothing is worse than a warning, make one warning that names them all.
 */
final class ServiceAccess {

    /** @param verdicts each service's answer as the details show it, in configuration order */
    record Answer(Finding finding, Map<String, String> verdicts) {
    }

    private final List<String> services;
    private final ServiceProbes probes;
    private final CallBound bound;

    ServiceAccess(List<String> services, ServiceProbes probes, CallBound bound) {
        this.services = List.copyOf(services);
        this.probes = probes;
        this.bound = bound;
    }

    Answer ask(ResolvedCredentials resolved, CheckContext context) {
        Map<String, String> verdicts = new LinkedHashMap<>();
        List<ServiceProbes.Verdict> denied = new ArrayList<>();
        Finding worst = Finding.ok("");
        for (String service : services) {
            if (context.remaining().isZero()) {
                verdicts.put(service, "not asked: out of time");
                continue;
            }
            ServiceProbes.Verdict verdict = probes.probe(service, resolved.credentials(), bound.within(context));
            verdicts.put(service, verdict.shown());
            if (verdict.ok()) {
                continue;
            }
            AwsFailure f = verdict.failure().get();
            if (f.category() == Category.ACCESS_DENIED) {
                denied.add(verdict);
            } else if (f.status().severity() > worst.status().severity()) {
                worst = new Finding(f.status(), f.category(), f.status() == Status.UNKNOWN
                        ? "could not ask " + service + ": " + f.said() : service + " refuses the credentials: " + f.code(),
                        "check that this host reaches " + service + " and that the key pair is current");
            }
        }
        if (!denied.isEmpty() && worst.status().severity() <= Status.WARN.severity()) {
            return new Answer(deniedWarning(denied, resolved), verdicts);
        }
        return new Answer(worst, verdicts);
    }

    private static Finding deniedWarning(List<ServiceProbes.Verdict> denied, ResolvedCredentials resolved) {
        StringBuilder actions = new StringBuilder();
        for (ServiceProbes.Verdict v : denied) {
            actions.append(actions.isEmpty() ? "" : ", ").append(v.action());
        }
        return new Finding(Status.WARN, Category.ACCESS_DENIED,
                "the credentials work, but " + actions + " is denied",
                "grant " + actions + " to the role or user that owns " + AccessKeyKind.shown(resolved.accessKeyId())
                        + ", or drop the service from checks.aws-credentials.services if it is not used here");
    }
}
