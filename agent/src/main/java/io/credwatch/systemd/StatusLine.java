package io.credwatch.systemd;

import io.credwatch.check.CheckReport;
import io.credwatch.check.Overall;
import java.util.Comparator;
import java.util.List;

/**
 * The one-line summary systemd shows as the unit's {@code Status:} in {@code systemctl status},
 * e.g. {@code CRITICAL: 5 checks; exchange:bybit-main CRITICAL IP_NOT_ALLOWLISTED}.
 */
final class StatusLine {

    /** {@code systemctl status} shows one line: name the worst few, count the rest. */
    static final int NAMED = 3;

    private StatusLine() {
    }

    static String of(int configured, List<CheckReport> latest) {
        StringBuilder line = new StringBuilder(Overall.of(latest).name()).append(": ");
        if (configured == 0) {
            return line.append("no checks configured").toString();
        }
        if (latest.size() < configured) {
            line.append(latest.size()).append(" of ");
        }
        line.append(configured).append(configured == 1 ? " check" : " checks");
        if (latest.size() < configured) {
            line.append(" reported");
        }
        List<CheckReport> bad = latest.stream().filter(r -> !r.status().isOk())
                .sorted(Comparator.comparingInt((CheckReport r) -> -r.status().severity()))
                .toList();
        for (int i = 0; i < Math.min(NAMED, bad.size()); i++) {
            CheckReport r = bad.get(i);
            line.append(i == 0 ? "; " : ", ").append(r.id()).append(' ').append(r.status()).append(' ')
                    .append(r.category());
        }
        if (bad.size() > NAMED) {
            line.append(" and ").append(bad.size() - NAMED).append(" more");
        }
        // A newline would start another sd_notify assignment.
        return line.toString().replace('\n', ' ');
    }
}
