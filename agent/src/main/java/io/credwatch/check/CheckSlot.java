package io.credwatch.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One configured check in the {@link ResultStore}: the check to run, what its runs found, the
 * verdict held under flap tolerance and the expiries remembered. Guarded by its own lock.
 */
final class CheckSlot {

    volatile Check check;
    volatile CheckInfo info;
    final Deque<CheckReport> history = new ArrayDeque<>();
    final FlapFilter flaps;
    final ExpiryMemory expiries = new ExpiryMemory();
    /** The last report announced to listeners: the last run's, or its stale form. */
    CheckReport announced;
    long runCount;
    long failureCount;

    CheckSlot(Check check) {
        this.check = check;
        this.info = CheckInfo.of(check);
        this.flaps = new FlapFilter(check.tolerance());
    }

    synchronized void replaceCheck(Check next) {
        check = next;
        info = CheckInfo.of(next);
        flaps.retune(next.tolerance());
    }

    synchronized CheckReport latest(Instant now) {
        return shown(announced, now);
    }

    synchronized List<CheckReport> history() {
        return List.copyOf(history);
    }

    synchronized CheckStats stats() {
        return new CheckStats(runCount, failureCount);
    }

    /** Keeps the run's report, sharing what it repeats of the one before; returns the kept one. */
    synchronized CheckReport record(CheckReport run, boolean failed, int limit) {
        CheckReport report = RepeatedValues.sharedWith(run, history.peekFirst());
        announced = report;
        history.addFirst(report);
        while (history.size() > limit) {
            history.removeLast();
        }
        runCount++;
        if (failed) {
            failureCount++;
        }
        return report;
    }

    /** The report as it must be shown at {@code now}: stale once no run has finished for too long. */
    CheckReport shown(CheckReport report, Instant now) {
        if (report == null || report.category() == Category.STALE) {
            return report;
        }
        Duration age = Duration.between(report.finishedAt(), now);
        CheckInfo info = this.info;
        if (age.compareTo(info.staleAfter()) <= 0) {
            return report;
        }
        // Stale since the moment it went stale; an UNKNOWN that goes stale stays UNKNOWN since it was.
        Instant since = report.status() == Status.UNKNOWN ? report.lastChange()
                : report.finishedAt().plus(info.staleAfter());
        return report.stale(age, info.interval(), since);
    }
}
