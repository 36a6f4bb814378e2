package io.credwatch.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lets a report share with the one before it every value that did not change. A check's runs
 * repeat themselves: the same account, permissions, sources tried and summary, with a clock
 * offset and a time that differ. Kept as they come, fifty reports of a hundred accounts took
 * most of the heap (docs/performance.md); shared, each costs what changed.
 *
 * <p>Values are the reports' own: immutable once a run has returned them, so an equal one can
 * stand for another. What a face reads is equal to what the run returned.
 */
final class RepeatedValues {

    private RepeatedValues() {
    }

    /** {@code next} as it reads, its unchanged parts being {@code previous}'s objects. */
    static CheckReport sharedWith(CheckReport next, CheckReport previous) {
        if (previous == null) {
            return next;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) share(next.details(), previous.details());
        return new CheckReport(next.id(), next.type(), next.status(), next.category(),
                (String) share(next.summary(), previous.summary()),
                (String) share(next.remediation(), previous.remediation()), details, next.startedAt(),
                next.durationMs(), next.consecutiveFailures(), next.lastChange(), next.rawStatus(),
                next.rawCategory(), next.inconclusiveSince(), share(next.expiries(), previous.expiries()),
                (Subject) share(next.subject(), previous.subject()), next.retryAt());
    }

    /** {@code previous} when equal; else maps and lists rebuilt around their unchanged parts. */
    static Object share(Object next, Object previous) {
        if (next == null || previous == null) {
            return next;
        }
        if (next == previous || next.equals(previous)) {
            return previous;
        }
        if (next instanceof Map<?, ?> map && previous instanceof Map<?, ?> before) {
            Map<Object, Object> shared = new LinkedHashMap<>(map.size() * 4 / 3 + 1);
            map.forEach((key, value) -> shared.put(key, share(value, before.get(key))));
            return Collections.unmodifiableMap(shared);
        }
        if (next instanceof List<?> list && previous instanceof List<?> before && list.size() == before.size()) {
            List<Object> shared = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                shared.add(share(list.get(i), before.get(i)));
            }
            return Collections.unmodifiableList(shared);
        }
        return next;
    }

    private static <T> List<T> share(List<T> next, List<T> previous) {
        @SuppressWarnings("unchecked")
        List<T> shared = (List<T>) share((Object) next, previous);
        return shared;
    }
}
