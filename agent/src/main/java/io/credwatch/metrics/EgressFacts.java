package io.credwatch.metrics;

import java.util.List;
import java.util.Objects;

/**
 * The egress IP as typed facts for the metrics, handed over by the composition root (which
 * reads it off the egress check): the face never reads the check's {@code details}.
 *
 * @param ip          the IP the latest egress run decided
 * @param allowlists  each configured allowlist and whether it holds {@code ip}: the global
 *                    {@code checks.egress-ip.allowlist} (account {@code ""}) and each exchange
 *                    account's {@code allowlist}; lists left empty in the configuration are absent
 */
public record EgressFacts(String ip, List<Allowlisted> allowlists) {

    /** One allowlist's verdict; {@code account} is empty for the global list. */
    public record Allowlisted(String account, boolean holdsIp) {
        public Allowlisted {
            account = account == null ? "" : account;
        }
    }

    public EgressFacts {
        Objects.requireNonNull(ip, "ip");
        allowlists = List.copyOf(allowlists);
    }
}
