package io.credwatch.config;

import io.credwatch.net.IpRange;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/** The rules for values that several sections share: schedules, durations, allowlists, paths and globs. */
final class ValueRules {

    private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final int MAX_RUNS_IN_A_ROW = 100;
    private static final Duration MAX_SCHEDULE = Duration.ofDays(365);

    private ValueRules() {
    }

    static void schedule(String at, Duration interval, Duration timeout, FlapCounts flap) throws ConfigException {
        runs(at + ".raiseAfter", flap.raiseAfter());
        runs(at + ".raiseDefinitiveAfter", flap.raiseDefinitiveAfter());
        runs(at + ".clearAfter", flap.clearAfter());
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new ConfigException(at + ".interval", DurationSyntax.format(interval) + " is too short; at least 1s");
        }
        positive(at + ".timeout", timeout);
        // The scheduler and the HTTP clients count these in nanoseconds, which overflow after 292
        // years: a check would run once and never again. A year is already far past any use.
        notLongerThan(at + ".interval", interval, MAX_SCHEDULE);
        notLongerThan(at + ".timeout", timeout, MAX_SCHEDULE);
    }

    /** A count of runs in a row: at least one, and few enough that a verdict still arrives the same day. */
    private static void runs(String at, Integer count) throws ConfigException {
        if (count != null && (count < 1 || count > MAX_RUNS_IN_A_ROW)) {
            throw new ConfigException(at, count + " is not a number of runs in a row (1-" + MAX_RUNS_IN_A_ROW + ")");
        }
    }

    private static void notLongerThan(String at, Duration d, Duration max) throws ConfigException {
        if (d.compareTo(max) > 0) {
            throw new ConfigException(at, DurationSyntax.format(d) + " is too long; at most " + DurationSyntax.format(max));
        }
    }

    static void positive(String at, Duration d) throws ConfigException {
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException(at, "must be longer than zero");
        }
    }

    static void allowlist(String at, List<String> entries) throws ConfigException {
        for (int i = 0; i < entries.size(); i++) {
            if (IpRange.parse(entries.get(i)).isEmpty()) {
                throw new ConfigException(at + "[" + i + "]", "'" + entries.get(i)
                        + "' is not an IP address or CIDR block (e.g. 203.0.113.7 or 203.0.113.0/24)");
            }
        }
    }

    /** As the scan expands it (secrets/PathGlobs): a path first, made absolute, then a glob. */
    static void glob(String at, String glob) throws ConfigException {
        if (glob == null || glob.isBlank()) {
            throw new ConfigException(at, "empty; give a file, a directory or a glob such as /opt/app/deploy/*.json");
        }
        filePath(at, glob);
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + glob);
            FileSystems.getDefault().getPathMatcher("glob:" + Path.of(glob).toAbsolutePath().normalize());
        } catch (PatternSyntaxException e) {
            throw new ConfigException(at, "'" + glob + "' is not a valid glob: " + e.getDescription());
        }
    }

    /** Not quoted: what cannot be a path (a NUL in it) may well be something pasted that is not one. */
    static void filePath(String at, String path) throws ConfigException {
        if (!isPath(path)) {
            throw new ConfigException(at, "not a valid file path");
        }
    }

    static boolean isPath(String path) {
        try {
            Path.of(path);
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    static void refuse(String at, Optional<String> problem) throws ConfigException {
        if (problem.isPresent()) {
            throw new ConfigException(at, problem.get());
        }
    }
}
