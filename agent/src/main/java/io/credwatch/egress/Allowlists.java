package io.credwatch.egress;

import io.credwatch.net.IpRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The allowlists the egress IP must be in: {@code checks.egress-ip.allowlist} and each exchange
 * account's. An empty list is no list: it allows nothing and requires nothing.
 */
final class Allowlists {

    /** How findings name the global allowlist: its configuration key. */
    static final String GLOBAL = "checks.egress-ip.allowlist";

    private final List<IpRange> global;
    private final Map<String, List<IpRange>> byAccount;

    /** @param byAccount each exchange account's allowlist, by account id, in configuration order */
    Allowlists(List<String> global, Map<String, List<String>> byAccount) {
        this.global = ranges(global);
        Map<String, List<IpRange>> parsed = new LinkedHashMap<>();
        byAccount.forEach((account, list) -> parsed.put(account, ranges(list)));
        this.byAccount = parsed;
    }

    private static List<IpRange> ranges(List<String> entries) {
        // The configuration loader refuses bad entries; one that slips through matches nothing.
        return entries.stream().map(IpRange::parse).flatMap(Optional::stream).toList();
    }

    /** Which lists hold {@code ip} and which lack it, the global list first, then accounts in order. */
    Allowlisting judge(String ip) {
        List<String> allowedBy = new ArrayList<>();
        List<String> missingFrom = new ArrayList<>();
        boolean configured = false;
        if (!global.isEmpty()) {
            configured = true;
            (contains(global, ip) ? allowedBy : missingFrom).add(GLOBAL);
        }
        for (Map.Entry<String, List<IpRange>> e : byAccount.entrySet()) {
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
}
