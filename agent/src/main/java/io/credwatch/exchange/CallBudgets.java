package io.credwatch.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The signed calls each exchange account sent in the last hour (a sliding window), against
 * its {@code maxPrivateCallsPerHour}: however short the interval and however often someone
 * asks for a run, credwatch never sends more. The composition root owns the one instance,
 * which outlives reloads, so a reload (which runs every check at once) does not refill a
 * budget. Windows are keyed by account id; one emptied by time is forgotten.
 */
public final class CallBudgets {

    static final Duration WINDOW = Duration.ofHours(1);
    /** What tests and tools get when no account is named: as many as the configuration allows. */
    static final int MOST_PER_HOUR = 3600;

    private final Clock clock;
    private final Map<String, Deque<Instant>> sent = new HashMap<>();

    public CallBudgets(Clock clock) {
        this.clock = clock;
    }

    /** The budget of account {@code id}: {@code perHour} signed calls in any hour. */
    public CallBudget of(String id, int perHour) {
        return new CallBudget(id, perHour);
    }

    /** One account's view: it counts in the account's window, whichever configuration built it. */
    public final class CallBudget {

        private final String id;
        private final int perHour;

        private CallBudget(String id, int perHour) {
            this.id = id;
            this.perHour = perHour;
        }

        public int perHour() {
            return perHour;
        }

        /** Empty when {@code calls} more signed calls fit now; else when enough of the window frees. */
        public Optional<Instant> freesAt(int calls) {
            synchronized (CallBudgets.this) {
                Deque<Instant> window = window(clock.instant());
                int over = window.size() + calls - perHour;
                if (over <= 0) {
                    return Optional.empty();
                }
                if (calls > perHour) {
                    // Validation refuses such a budget; should one get here, it never fits.
                    return Optional.of(Instant.MAX);
                }
                Iterator<Instant> oldest = window.iterator();
                Instant at = oldest.next();
                for (int i = 1; i < over; i++) {
                    at = oldest.next();
                }
                return Optional.of(at.plus(WINDOW));
            }
        }

        /** Counts one signed call about to be sent, or refuses it when the budget is spent. */
        public boolean take() {
            synchronized (CallBudgets.this) {
                Instant now = clock.instant();
                Deque<Instant> window = window(now);
                if (window.size() >= perHour) {
                    return false;
                }
                window.addLast(now);
                return true;
            }
        }

        /** Calls counted in the last hour. */
        public int used() {
            synchronized (CallBudgets.this) {
                return window(clock.instant()).size();
            }
        }

        private Deque<Instant> window(Instant now) {
            Instant start = now.minus(WINDOW);
            sent.values().forEach(w -> {
                while (!w.isEmpty() && !w.peekFirst().isAfter(start)) {
                    w.removeFirst();
                }
            });
            sent.values().removeIf(Deque::isEmpty);
            return sent.computeIfAbsent(id, k -> new ArrayDeque<>());
        }
    }
}
