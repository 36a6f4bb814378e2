package io.credwatch.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scanner over a labelled corpus of deployment files (src/test/resources/scan-corpus):
 * {@code labels.tsv} lists, per line, the rule expected there or {@code clean}, a class, and
 * for a secret its value. Every value is a synthetic canary written for this test. A line the
 * labels do not list is clean too; a finding there is a false alarm.
 */
class ScanCorpusTest {

    private record Label(String file, int line, String expected, String kind, String value) {
        boolean secret() {
            return !"clean".equals(expected);
        }
    }

    private static final double FLOOR = 0.9;

    private static Path root;
    private static Map<String, Label> labels;
    private static List<Finding> findings;

    @BeforeAll
    static void scan() throws Exception {
        Path corpus = resource("/scan-corpus");
        root = corpus.resolve("files");
        labels = new LinkedHashMap<>();
        for (String row : Files.readAllLines(corpus.resolve("labels.tsv"))) {
            if (row.isBlank() || row.startsWith("#")) {
                continue;
            }
            String[] f = row.split("\t");
            Label l = new Label(f[0], Integer.parseInt(f[1]), f[2], f[3], f.length > 4 ? f[4] : null);
            labels.put(l.file() + ":" + l.line(), l);
        }
        ScanReport report = new PlaintextScanner(IgnoreList.NONE).scan(List.of(root), () -> false);
        assertEquals(List.of(), report.problems(), "the corpus parses");
        findings = report.findings();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(ScanCorpusTest.class.getResource(name)).toURI());
    }

    private static String where(Finding f) {
        return root.relativize(Path.of(f.file())).toString().replace('\\', '/') + ":" + f.line();
    }

    @Test
    void recallAndPrecisionAreAtLeastNinetyPercentOverallAndPerClass() {
        Map<String, int[]> secretClasses = new TreeMap<>(); // found, total
        Map<String, int[]> cleanClasses = new TreeMap<>(); // flagged, total
        Map<String, List<String>> flaggedLines = new LinkedHashMap<>();
        for (Finding f : findings) {
            flaggedLines.computeIfAbsent(where(f), k -> new ArrayList<>()).add(f.rule().id());
        }
        List<String> missed = new ArrayList<>();
        List<String> falseAlarms = new ArrayList<>();
        List<String> otherRule = new ArrayList<>();
        for (Label l : labels.values()) {
            String at = l.file() + ":" + l.line();
            List<String> rules = flaggedLines.getOrDefault(at, List.of());
            int[] tally = (l.secret() ? secretClasses : cleanClasses).computeIfAbsent(l.kind(), k -> new int[2]);
            tally[1]++;
            if (!rules.isEmpty()) {
                tally[0]++;
            }
            if (l.secret() && rules.isEmpty()) {
                missed.add(at + " " + l.kind());
            } else if (l.secret() && !rules.contains(l.expected())) {
                otherRule.add(at + " expected " + l.expected() + ", got " + rules);
            } else if (!l.secret() && !rules.isEmpty()) {
                falseAlarms.add(at + " " + l.kind() + " " + rules);
            }
        }
        flaggedLines.keySet().stream().filter(at -> !labels.containsKey(at))
                .forEach(at -> falseAlarms.add(at + " (unlabelled) " + flaggedLines.get(at)));
        int secrets = secretClasses.values().stream().mapToInt(t -> t[1]).sum();
        int found = secretClasses.values().stream().mapToInt(t -> t[0]).sum();
        double recall = (double) found / secrets;
        double precision = (double) found / (found + falseAlarms.size());

        StringBuilder out = new StringBuilder("scan corpus: " + labels.size() + " labelled lines, " + secrets + " secrets\n");
        secretClasses.forEach((k, t) -> out.append(String.format("  secret %-12s recall %.2f (%d/%d)%n", k, ratio(t[0], t[1]), t[0], t[1])));
        cleanClasses.forEach((k, t) -> out.append(String.format("  clean  %-12s precision %.2f (%d of %d look-alikes flagged)%n",
                k, 1 - ratio(t[0], t[1]), t[0], t[1])));
        out.append(String.format("  overall recall %.3f, precision %.3f, %d findings under another rule than labelled%n",
                recall, precision, otherRule.size()));
        missed.forEach(m -> out.append("  missed ").append(m).append('\n'));
        falseAlarms.forEach(m -> out.append("  false alarm ").append(m).append('\n'));
        otherRule.forEach(m -> out.append("  other rule ").append(m).append('\n'));
        System.out.print(out);

        assertTrue(recall >= FLOOR && precision >= FLOOR, out.toString());
        secretClasses.forEach((k, t) -> assertTrue(ratio(t[0], t[1]) >= FLOOR, k + "\n" + out));
        cleanClasses.forEach((k, t) -> assertTrue(1 - ratio(t[0], t[1]) >= FLOOR, k + "\n" + out));
    }

    @Test
    void noFindingShowsEightCharactersOfALabelledValue() {
        List<String> values = labels.values().stream().map(Label::value).filter(Objects::nonNull).toList();
        for (Finding f : findings) {
            String text = f.format();
            for (String v : values) {
                for (int i = 0; i + 8 <= v.length(); i++) {
                    String piece = v.substring(i, i + 8);
                    assertTrue(!text.contains(piece), where(f) + " shows a piece of the value labelled at " + labelOf(v));
                }
            }
        }
    }

    private static String labelOf(String value) {
        return labels.entrySet().stream().filter(e -> value.equals(e.getValue().value())).map(Map.Entry::getKey).findFirst().orElse("?");
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
