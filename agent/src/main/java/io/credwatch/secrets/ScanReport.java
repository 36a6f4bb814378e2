package io.credwatch.secrets;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a scan found. {@code partial} when it stopped at its deadline before every file was
 * read; {@code filesScanned} counts the files whose text was searched.
 */
public record ScanReport(List<Finding> findings, List<ScanProblem> problems, int filesScanned, boolean partial) {

    public ScanReport {
        findings = List.copyOf(findings);
        problems = List.copyOf(problems);
    }

    /** The files with findings, in the order found. */
    public List<String> files() {
        return List.copyOf(new LinkedHashSet<>(findings.stream().map(Finding::file).toList()));
    }
}
