package io.credwatch.cli;

import io.credwatch.check.CheckReport;
import java.util.List;

/** The human view of {@code credwatch check}: one row per check, the fix under every bad one. */
final class ReportTable {

    private ReportTable() {
    }

    static String render(List<CheckReport> reports) {
        int idWidth = "CHECK".length();
        int categoryWidth = "CATEGORY".length();
        for (CheckReport r : reports) {
            idWidth = Math.max(idWidth, r.id().length());
            categoryWidth = Math.max(categoryWidth, r.category().name().length());
        }
        String row = "%-" + idWidth + "s  %-8s  %-" + categoryWidth + "s  %s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(row, "CHECK", "STATUS", "CATEGORY", "SUMMARY"));
        for (CheckReport r : reports) {
            sb.append(String.format(row, r.id(), r.status(), r.category(), r.summary()));
            if (!r.remediation().isEmpty()) {
                sb.append(" ".repeat(idWidth + 2)).append("fix: ").append(r.remediation()).append(System.lineSeparator());
            }
        }
        return sb.toString();
    }
}
