package io.credwatch.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The scan behind {@code credwatch scan} and the {@code plaintext-secrets} check: walks the
 * paths, reads each text file once, applies every rule, keeps one rule's findings per line
 * (the first in {@link ScanRule} order), then drops accepted ones. A file it cannot read
 * is a problem in the report, never an exception.
 */
public final class PlaintextScanner {

    /** Deployment files are small; anything larger is an artifact or a log, not configuration. */
    public static final long MAX_FILE_BYTES = 1024 * 1024;
    /** As git and grep decide: a NUL byte near the start means binary. */
    private static final int BINARY_PROBE = 8000;

    private final IgnoreList ignore;
    private final FileScanner fileScanner = new FileScanner();

    public PlaintextScanner(IgnoreList ignore) {
        this.ignore = ignore;
    }

    /** @param stop asked before each file; once true, the scan ends and the report is partial */
    public ScanReport scan(List<Path> paths, BooleanSupplier stop) {
        ScanTargets.Walk walk = ScanTargets.of(paths, stop);
        List<Finding> findings = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>(walk.problems());
        boolean partial = walk.partial();
        int scanned = 0;
        for (Path file : walk.files()) {
            if (stop.getAsBoolean()) {
                partial = true;
                break;
            }
            if (ignore.skipsFile(file)) {
                continue;
            }
            String name = file.toString();
            String text;
            try {
                if (Files.size(file) > MAX_FILE_BYTES) {
                    problems.add(new ScanProblem(name, ScanProblem.Kind.SKIPPED, "skipped: larger than 1 MiB"));
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                if (isBinary(bytes)) {
                    problems.add(new ScanProblem(name, ScanProblem.Kind.SKIPPED, "skipped: binary file"));
                    continue;
                }
                text = new String(bytes, StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add(ScanTargets.unreadable(file, e));
                continue;
            }
            scanned++;
            FileScanner.Result result = fileScanner.scan(name, String.valueOf(file.getFileName()), stripBom(text));
            result.problem().ifPresent(problems::add);
            // Accepting the finding shown accepts its line: another rule must not surface there next.
            onePerLine(result.findings()).stream().filter(f -> !ignore.accepts(file, f.rule())).forEach(findings::add);
        }
        return new ScanReport(findings, problems, scanned, partial);
    }

    private static List<Finding> onePerLine(List<Finding> findings) {
        Map<Integer, List<Finding>> byLine = new TreeMap<>();
        for (Finding f : findings) {
            List<Finding> kept = byLine.computeIfAbsent(f.line(), k -> new ArrayList<>());
            if (!kept.isEmpty() && kept.get(0).rule().compareTo(f.rule()) > 0) {
                kept.clear();
            }
            if (kept.isEmpty() || (kept.get(0).rule() == f.rule() && !kept.contains(f))) {
                kept.add(f);
            }
        }
        return byLine.values().stream().flatMap(List::stream).toList();
    }

    private static boolean isBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, BINARY_PROBE); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
