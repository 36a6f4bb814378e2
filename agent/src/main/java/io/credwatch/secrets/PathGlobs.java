package io.credwatch.secrets;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code checks.plaintext-secrets.paths} expanded: a plain path stands for itself, a glob
 * ({@code /opt/app/deploy/*.json}, {@code /srv/**}{@code /.env}) for the paths it matches. The
 * shell expands globs for {@code credwatch scan}; the daemon has no shell, so it does it here.
 */
final class PathGlobs {

    record Expansion(List<Path> paths, List<String> unmatched) {
    }

    private PathGlobs() {
    }

    static Expansion expand(List<String> globs) {
        List<Path> paths = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (String glob : globs) {
            List<Path> matched = expand(glob);
            if (matched.isEmpty()) {
                unmatched.add(glob);
            }
            paths.addAll(matched);
        }
        return new Expansion(paths, unmatched);
    }

    private static List<Path> expand(String glob) {
        Path pattern = Path.of(glob).toAbsolutePath().normalize();
        if (!hasGlob(glob)) {
            return Files.exists(pattern) ? List.of(pattern) : List.of();
        }
        // Walk only from the deepest directory without a wildcard, and no deeper than the glob reaches.
        Path base = pattern.getRoot();
        int literal = 0;
        while (literal < pattern.getNameCount() - 1 && !hasGlob(pattern.getName(literal).toString())) {
            base = base.resolve(pattern.getName(literal));
            literal++;
        }
        int depth = glob.contains("**") ? Integer.MAX_VALUE : pattern.getNameCount() - literal;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        TreeSet<Path> matched = new TreeSet<>();
        try {
            Files.walkFileTree(base, EnumSet.noneOf(FileVisitOption.class), depth, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (matcher.matches(dir)) {
                        matched.add(dir);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (matcher.matches(file)) {
                        matched.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // Named anyway when it matches, so the scan reports why it cannot be read.
                    if (matcher.matches(file)) {
                        matched.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        return List.copyOf(matched);
    }

    private static boolean hasGlob(String s) {
        return s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }
}
