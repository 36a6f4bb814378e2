package io.credwatch.cli;

import io.credwatch.secrets.IgnoreList;
import io.credwatch.secrets.PlaintextScanner;
import io.credwatch.secrets.ScanReport;
import io.credwatch.secrets.ScanRule;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * {@code credwatch scan}: findings on stdout, one a line; files it could not read or parse on
 * stderr, never fatal. Needs no configuration: the paths and {@code --ignore} entries are all.
 */
final class ScanCommand {

    private final PrintStream out;
    private final PrintStream err;

    ScanCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(Arguments arguments) {
        IgnoreList ignore;
        try {
            ignore = IgnoreList.parse(arguments.ignore());
        } catch (IllegalArgumentException e) {
            err.println("credwatch: --ignore " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (!ignore.unknownRules().isEmpty()) {
            err.println("credwatch: --ignore names no rule '" + ignore.unknownRules().get(0) + "'; one of "
                    + Arrays.stream(ScanRule.values()).map(ScanRule::id).collect(Collectors.joining(", ")));
            return ExitCodes.USAGE;
        }
        ScanReport report = new PlaintextScanner(ignore)
                .scan(arguments.operands().stream().map(Path::of).toList(), () -> false);
        report.findings().forEach(f -> out.println(f.format()));
        report.problems().forEach(p -> err.println("credwatch: " + p.format()));
        err.println("credwatch: " + report.findings().size() + " finding" + (report.findings().size() == 1 ? "" : "s")
                + " in " + report.files().size() + " of " + report.filesScanned() + " files scanned");
        return report.findings().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
