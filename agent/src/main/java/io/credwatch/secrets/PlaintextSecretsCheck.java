package io.credwatch.secrets;

import io.credwatch.check.Category;
import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckResult;
import io.credwatch.check.ScheduledCheck;
import io.credwatch.check.Tolerance;
import io.credwatch.config.PlaintextSecretsCheckConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code plaintext-secrets}: the scan of {@code credwatch scan} over
 * {@code checks.plaintext-secrets.paths}, on a schedule. First match wins: findings
 * (CRITICAL PLAINTEXT_SECRET), stopped at the deadline (UNKNOWN TIMEOUT), a file that could
 * not be read or parsed (UNKNOWN UNAVAILABLE), else OK. Details carry file, line and rule of
 * each finding, never a value.
 */
public final class PlaintextSecretsCheck extends ScheduledCheck {

    public static final String ID = "plaintext-secrets";
    /** Findings listed in the details; the count is always exact. */
    static final int MAX_DETAILED = 100;
    private static final int FILES_IN_SUMMARY = 3;
    /** Stop this long before the deadline, so the partial result is returned before the scheduler gives up. */
    private static final Duration MARGIN = Duration.ofSeconds(1);

    private final PlaintextSecretsCheckConfig config;
    private final IgnoreList ignore;
    private final PlaintextScanner scanner;

    /** @throws IllegalArgumentException for a malformed ignore entry (the configuration validator refuses those first) */
    public PlaintextSecretsCheck(PlaintextSecretsCheckConfig config) {
        super(ID, ID, config.interval(), config.timeout(),
                Tolerance.of(config.raiseAfter(), config.raiseDefinitiveAfter(), config.clearAfter()));
        this.config = config;
        this.ignore = IgnoreList.parse(config.ignore());
        this.scanner = new PlaintextScanner(ignore);
    }

    @Override
    public CheckResult run(CheckContext context) {
        if (config.paths().isEmpty()) {
            return CheckResult.ok("nothing to scan: checks.plaintext-secrets.paths is empty").withDetail("paths", List.of());
        }
        Duration margin = min(MARGIN, context.remaining().dividedBy(10));
        Instant stopAt = context.deadline().minus(margin);
        BooleanSupplier stop = () -> !context.now().isBefore(stopAt);
        PathGlobs.Expansion expansion = PathGlobs.expand(config.paths());
        ScanReport report = scanner.scan(expansion.paths(), stop);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("paths", config.paths());
        details.put("filesScanned", report.filesScanned());
        if (!expansion.unmatched().isEmpty()) {
            details.put("unmatched", expansion.unmatched());
        }
        if (!report.problems().isEmpty()) {
            details.put("problems", report.problems().stream()
                    .map(p -> Map.of("file", p.file(), "problem", p.reason())).toList());
        }
        if (!ignore.unknownRules().isEmpty()) {
            details.put("ignoreUnknownRules", ignore.unknownRules());
        }
        if (report.partial()) {
            details.put("partial", "stopped at the deadline after " + report.filesScanned() + " files");
        }
        return verdict(report).withDetails(details);
    }

    private CheckResult verdict(ScanReport report) {
        String partly = report.partial() ? " (partial scan: stopped at the deadline)" : "";
        if (!report.findings().isEmpty()) {
            List<String> files = report.files();
            int n = report.findings().size();
            String summary = n + " plaintext secret" + (n == 1 ? "" : "s") + " in " + files.size() + " file"
                    + (files.size() == 1 ? "" : "s") + ": " + list(files) + partly;
            return CheckResult.critical(Category.PLAINTEXT_SECRET, summary,
                    "run credwatch scan " + String.join(" ", files) + " for each finding and its fix; move the values "
                            + "to Secrets Manager or systemd credentials and rotate them, or accept a finding with "
                            + "checks.plaintext-secrets.ignore (GLOB#RULE)")
                    .withDetail("count", n)
                    .withDetail("files", files)
                    .withDetail("findings", report.findings().stream().limit(MAX_DETAILED).map(Finding::toDetail).toList());
        }
        if (report.partial()) {
            return CheckResult.unknown(Category.TIMEOUT, "scan stopped at the deadline after " + report.filesScanned()
                    + " files, none with a plaintext secret", "raise checks.plaintext-secrets.timeout ("
                    + config.timeout().toSeconds() + "s) or narrow checks.plaintext-secrets.paths");
        }
        List<String> incomplete = report.problems().stream().filter(ScanProblem::incomplete).map(ScanProblem::file)
                .distinct().toList();
        if (!incomplete.isEmpty()) {
            return CheckResult.unknown(Category.UNAVAILABLE, "no plaintext secret found, but " + incomplete.size()
                    + " file" + (incomplete.size() == 1 ? "" : "s") + " could not be read or parsed in full: "
                    + list(incomplete), "let the credwatch user read them (see details.problems), fix their syntax, "
                    + "or remove them from checks.plaintext-secrets.paths");
        }
        return CheckResult.ok("no plaintext secret in " + report.filesScanned() + " file"
                + (report.filesScanned() == 1 ? "" : "s"));
    }

    private static String list(List<String> files) {
        String shown = String.join(", ", files.subList(0, Math.min(FILES_IN_SUMMARY, files.size())));
        return files.size() > FILES_IN_SUMMARY ? shown + " and " + (files.size() - FILES_IN_SUMMARY) + " more" : shown;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

}
