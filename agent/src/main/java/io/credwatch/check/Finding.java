package io.credwatch.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One thing a run found. A check that asks several questions collects findings and reports
 * the worst; the others are listed in {@code details.alsoFound}, so a refused key never hides
 * the clock skew behind it.
 */
public record Finding(Status status, Category category, String summary, String remediation) {

    public static Finding ok(String summary) {
        return new Finding(Status.OK, Category.NONE, summary, "");
    }

    /**
     * The worst of {@code first} and {@code more} (the first non-empty OK summary when all are
     * OK), with the other non-OK findings under {@code details.alsoFound}.
     */
    public static CheckResult worst(Finding first, List<Finding> more, Map<String, Object> details) {
        List<Finding> all = new ArrayList<>(more);
        all.add(0, first);
        Finding worst = all.stream().max(Comparator.comparingInt(f -> f.status().severity())).orElseThrow();
        if (worst.status() == Status.OK) {
            worst = all.stream().filter(f -> !f.summary().isEmpty()).findFirst().orElse(worst);
        }
        List<String> others = new ArrayList<>();
        for (Finding f : all) {
            if (f != worst && f.status() != Status.OK) {
                others.add(f.status() + " " + f.category() + ": " + f.summary());
            }
        }
        if (!others.isEmpty()) {
            details.put("alsoFound", others);
        }
        return new CheckResult(worst.status(), worst.category(), worst.summary(), worst.remediation(), details);
    }
}
