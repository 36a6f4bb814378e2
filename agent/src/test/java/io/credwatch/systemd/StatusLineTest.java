package io.credwatch.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.credwatch.check.Category;
import io.credwatch.check.CheckReport;
import io.credwatch.check.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    private static CheckReport report(String id, Status status, Category category) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new CheckReport(id, "t", status, category, "s", "", Map.of(), t, 1, 0, t);
    }

    private static CheckReport ok(String id) {
        return report(id, Status.OK, Category.NONE);
    }

    @Test
    void allOkCountsTheChecks() {
        assertEquals("OK: 2 checks", StatusLine.of(2, List.of(ok("a"), ok("b"))));
        assertEquals("OK: 1 check", StatusLine.of(1, List.of(ok("a"))));
    }

    @Test
    void theOverallIsTheWorstAndBadChecksAreNamedWorstFirst() {
        assertEquals("CRITICAL: 4 checks; exchange:bybit-main CRITICAL IP_NOT_ALLOWLISTED, "
                        + "aws-credentials UNKNOWN TIMEOUT, egress-ip WARN NOT_ELASTIC",
                StatusLine.of(4, List.of(ok("a"), report("egress-ip", Status.WARN, Category.NOT_ELASTIC),
                        report("aws-credentials", Status.UNKNOWN, Category.TIMEOUT),
                        report("exchange:bybit-main", Status.CRITICAL, Category.IP_NOT_ALLOWLISTED))));
    }

    @Test
    void pastThreeBadChecksTheRestAreCounted() {
        assertEquals("WARN: 5 checks; a WARN NOT_ELASTIC, b WARN NOT_ELASTIC, c WARN NOT_ELASTIC and 2 more",
                StatusLine.of(5, List.of("a", "b", "c", "d", "e").stream()
                        .map(id -> report(id, Status.WARN, Category.NOT_ELASTIC)).toList()));
    }

    @Test
    void beforeTheFirstRoundEndsItSaysHowManyReported() {
        assertEquals("OK: 1 of 3 checks reported", StatusLine.of(3, List.of(ok("a"))));
        assertEquals("OK: no checks configured", StatusLine.of(0, List.of()));
    }

    @Test
    void staysOneLine() {
        assertEquals("WARN: 1 check; x y WARN NOT_ELASTIC",
                StatusLine.of(1, List.of(report("x\ny", Status.WARN, Category.NOT_ELASTIC))));
    }
}
