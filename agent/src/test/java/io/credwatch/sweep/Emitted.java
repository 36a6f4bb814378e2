package io.credwatch.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything the agent showed anyone during a sweep, by where it showed it ({@code HTTP GET
 * /checks}, {@code JMX ...}, {@code stdout of check --json}, a state file, a webhook body),
 * and the search of all of it for canaries.
 */
final class Emitted {

    private final Map<String, StringBuilder> outputs = new LinkedHashMap<>();

    synchronized void add(String where, String text) {
        outputs.computeIfAbsent(where, k -> new StringBuilder()).append(text == null ? "" : text).append('\n');
    }

    void addFile(String where, Path file) throws IOException {
        // ISO-8859-1 maps every byte to one char: an ASCII canary is found whatever else the file holds.
        add(where + " " + file, new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
    }

    /** Every regular file under {@code dir}, each under its own name. */
    void addTree(String where, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                addFile(where, file);
            }
        }
    }

    synchronized int places() {
        return outputs.size();
    }

    synchronized long characters() {
        return outputs.values().stream().mapToLong(StringBuilder::length).sum();
    }

    synchronized boolean anyContains(String text) {
        return outputs.values().stream().anyMatch(s -> s.indexOf(text) >= 0);
    }

    /** One line per place a canary shows, with the text around it; empty when nothing leaked. */
    synchronized List<String> leaks(List<Canary> canaries) {
        List<String> leaks = new ArrayList<>();
        outputs.forEach((where, text) -> {
            String s = text.toString();
            for (Canary canary : canaries) {
                int at = canary.foundIn(s);
                if (at >= 0) {
                    leaks.add(canary.name() + " in " + where + ": …"
                            + s.substring(Math.max(0, at - 80), Math.min(s.length(), at + 80)).replace('\n', ' ') + "…");
                }
            }
        });
        return leaks;
    }
}
