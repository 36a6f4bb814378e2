package io.credwatch.egress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which IP one run's observations point to. Echo services see the address traffic really
 * arrives from, so they decide; IMDS only corroborates, and decides only when no echo service
 * answered.
 *
 * @param ip         the decided IP; null when no source answered
 * @param decidedBy  the sources that saw {@code ip} and counted for it
 * @param byIp       every IP seen, with the sources that saw it, in the order they were first seen
 * @param trafficIps how many different IPs the echo sources saw
 */
record EgressDecision(String ip, List<String> decidedBy, Map<String, List<String>> byIp, int trafficIps) {

    /**
     * The IP most echo sources saw (ties go to the source listed first).
     *
     * @param sources the sources, in the order {@code seen} holds their observations
     */
    static EgressDecision decide(List<EgressSource> sources, List<EgressObservation> seen) {
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
            return new EgressDecision(null, List.of(), byIp, 0);
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
        return new EgressDecision(ip, List.copyOf(basis.get(ip)), byIp, trafficVotes.size());
    }

    /** True when the sources saw more than one IP, echo services or IMDS. */
    boolean disagree() {
        return byIp.size() > 1;
    }
}
