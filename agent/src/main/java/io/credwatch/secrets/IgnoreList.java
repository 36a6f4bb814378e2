package io.credwatch.secrets;

import io.credwatch.config.IgnoreEntry;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Accepted findings: files to skip, and rules to accept in some files (see {@link IgnoreEntry}). */
public final class IgnoreList {

    public static final IgnoreList NONE = new IgnoreList(List.of());

    private final List<Matcher> matchers;

    private IgnoreList(List<Matcher> matchers) {
        this.matchers = List.copyOf(matchers);
    }

    /** @throws IllegalArgumentException for the first malformed entry, naming it */
    public static IgnoreList parse(List<String> entries) {
        List<Matcher> matchers = new ArrayList<>();
        for (String e : entries) {
            matchers.add(new Matcher(IgnoreEntry.parse(e)));
        }
        return new IgnoreList(matchers);
    }

    /**
     * Entries naming a rule the scan does not have. They match nothing, so a typo hides no
     * finding; callers say so.
     */
    public List<String> unknownRules() {
        return matchers.stream().map(m -> m.entry.rule()).flatMap(Optional::stream)
                .filter(r -> ScanRule.byId(r).isEmpty()).distinct().toList();
    }

    boolean skipsFile(Path file) {
        return matchers.stream().anyMatch(m -> m.entry.rule().isEmpty() && m.matches(file));
    }

    boolean accepts(Path file, ScanRule rule) {
        return matchers.stream().anyMatch(m -> m.entry.rule().map(rule.id()::equals).orElse(true) && m.matches(file));
    }

    private static final class Matcher {
        final IgnoreEntry entry;
        final PathMatcher byName;
        final PathMatcher byAbsolutePath;
        final PathMatcher asGiven;

        Matcher(IgnoreEntry entry) {
            this.entry = entry;
            String glob = entry.glob();
            var fs = FileSystems.getDefault();
            boolean name = !glob.contains("/");
            this.byName = name ? fs.getPathMatcher("glob:" + glob) : null;
            this.byAbsolutePath = name ? null : fs.getPathMatcher("glob:" + (glob.startsWith("/") ? glob : "**/" + glob));
            this.asGiven = name || glob.startsWith("/") ? null : fs.getPathMatcher("glob:" + glob);
        }

        boolean matches(Path file) {
            if (byName != null) {
                return file.getFileName() != null && byName.matches(file.getFileName());
            }
            return byAbsolutePath.matches(file.toAbsolutePath().normalize()) || (asGiven != null && asGiven.matches(file.normalize()));
        }
    }
}
