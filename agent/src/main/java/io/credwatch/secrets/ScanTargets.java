package io.credwatch.secrets;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The files under the paths a scan is given: a file as is, a directory walked (without
 * following directory links, so a link cycle cannot trap the walk), version-control
 * metadata left out.
 */
final class ScanTargets {

    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", ".hg", ".svn");

    private static final int STOP_EVERY = 100;

    record Walk(List<Path> files, List<ScanProblem> problems, boolean partial) {
    }

    static Walk of(List<Path> roots, BooleanSupplier stop) {
        List<Path> files = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        boolean[] partial = {false};
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                files.add(root);
                continue;
            }
            if (stop.getAsBoolean()) {
                partial[0] = true;
                break;
            }
            List<Path> found = new ArrayList<>();
            int[] visited = {0};
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(root) && SKIPPED_DIRECTORIES.contains(String.valueOf(dir.getFileName()))
                                ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        // Reading the clock for every entry of a large tree would cost more than the walk.
                        if (++visited[0] % STOP_EVERY == 0 && stop.getAsBoolean()) {
                            partial[0] = true;
                            return FileVisitResult.TERMINATE;
                        }
                        if (attrs.isRegularFile() || (attrs.isSymbolicLink() && Files.isRegularFile(file))) {
                            found.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        problems.add(unreadable(file, e));
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                problems.add(unreadable(root, e));
            }
            found.sort(Comparator.comparing(Path::toString));
            files.addAll(found);
        }
        // A glob can name a directory and the files in it: each file is read once.
        return new Walk(files.stream().distinct().toList(), problems, partial[0]);
    }

    /** Why a file could not be read, in the operating system's words, never the exception's message. */
    static ScanProblem unreadable(Path file, IOException e) {
        String why;
        if (e instanceof NoSuchFileException) {
            why = "no such file or directory";
        } else if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            why = f.getReason();
        } else {
            why = e.getClass().getSimpleName();
        }
        return new ScanProblem(file.toString(), ScanProblem.Kind.UNREADABLE, "cannot read: " + why);
    }
}
