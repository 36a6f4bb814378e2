package io.credwatch.check;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured checks and what their runs found: the latest report of each, a bounded
 * history, counters, and the reported verdict under flap tolerance ({@link FlapFilter}) with
 * expiries remembered past their moment ({@link ExpiryMemory}). Announces every change of a
 * reported status, a check going stale, and a reload's new set of checks. Running and
 * scheduling are elsewhere ({@link CheckRunner}, {@link CheckScheduler}).
 */
public final class ResultStore implements CheckResults {

    private static final Logger LOG = LoggerFactory.getLogger(ResultStore.class);
    public static final int DEFAULT_HISTORY = 50;

    /** Replaced whole on reload, never mutated: readers need no lock. */
    private volatile Map<String, CheckSlot> slots = Map.of();
    private final Clock clock;
    private final int historySize;
    private final List<StatusChangeListener> listeners = new CopyOnWriteArrayList<>();

    public ResultStore(Collection<? extends Check> checks, Clock clock, int historySize) {
        this.clock = clock;
        this.historySize = historySize;
        this.slots = slotsFor(checks, Map.of());
    }

    /**
     * Swaps in a new set of checks (a reload). A check whose id stays keeps its history,
     * counters and held verdict; a removed one is forgotten; a new one starts empty. Listeners
     * hear the new set of ids.
     */
    public void replace(Collection<? extends Check> checks) {
        List<String> ids;
        synchronized (this) {
            slots = slotsFor(checks, slots);
            ids = List.copyOf(slots.keySet());
        }
        for (StatusChangeListener listener : listeners) {
            try {
                listener.onChecksReplaced(ids);
            } catch (RuntimeException e) {
                LOG.warn("listener {} failed on a reload: {}", listener.getClass().getName(), e.getClass().getName());
            }
        }
    }

    private static Map<String, CheckSlot> slotsFor(Collection<? extends Check> checks, Map<String, CheckSlot> existing) {
        Map<String, Check> byId = new LinkedHashMap<>();
        for (Check check : checks) {
            // Refused before any slot changes: a refused set must leave the running one whole.
            if (byId.putIfAbsent(check.id(), check) != null) {
                throw new IllegalArgumentException("duplicate check id " + check.id());
            }
        }
        Map<String, CheckSlot> next = new LinkedHashMap<>();
        for (Check check : byId.values()) {
            CheckSlot slot = existing.get(check.id());
            if (slot == null) {
                slot = new CheckSlot(check);
            } else {
                slot.replaceCheck(check);
            }
            next.put(check.id(), slot);
        }
        return java.util.Collections.unmodifiableMap(next);
    }

    /** The check to run for an id; for the runner and the scheduler only. */
    Optional<Check> check(String id) {
        return Optional.ofNullable(slots.get(id)).map(s -> s.check);
    }

    List<Check> checks() {
        return slots.values().stream().map(s -> s.check).toList();
    }

    /**
     * Records one finished run of {@code check} and announces a change of its reported status.
     * A run that keeps the verdict (it asked nothing) repeats the latest report with its own time,
     * details and {@code retryAt}. A run of a check that a reload removed meanwhile is answered
     * but kept nowhere.
     */
    CheckReport record(Check check, CheckResult run, Instant startedAt, long durationMs) {
        CheckSlot slot = slots.get(check.id());
        if (slot == null) {
            return CheckReport.of(check, run, startedAt, durationMs, run.status().isOk() ? 0 : 1, startedAt);
        }
        StatusChange change;
        CheckReport report;
        synchronized (slot) {
            CheckReport previous = slot.announced;
            CheckReport lastRun = slot.history.peekFirst();
            if (run.keepsVerdict() && lastRun != null) {
                // It asked nothing, so no count moves; only a report shown stale comes back.
                boolean changed = previous.status() != lastRun.status();
                report = lastRun.keptBy(run, startedAt, durationMs, changed ? startedAt : previous.lastChange());
                report = slot.record(report, false, historySize);
                change = changed ? new StatusChange(previous, report) : null;
            } else {
                CheckResult remembered = slot.expiries.apply(run, clock.instant());
                FlapFilter.Verdict verdict = slot.flaps.accept(remembered, startedAt);
                CheckResult shown = verdict.reported();
                boolean failed = !run.status().isOk();
                int consecutive = failed ? (lastRun == null ? 1 : lastRun.consecutiveFailures() + 1) : 0;
                boolean changed = previous == null || previous.status() != shown.status();
                Instant lastChange = changed ? startedAt : previous.lastChange();
                // retryAt is the run's own: a held verdict does not make the service answer sooner.
                report = new CheckReport(check.id(), check.type(), shown.status(), shown.category(),
                        shown.summary(), shown.remediation(), shown.details(), startedAt, durationMs, consecutive,
                        lastChange, run.status(), run.category(), verdict.inconclusiveSince(), shown.expiries(),
                        shown.subject(), run.retryAt());
                report = slot.record(report, failed, historySize);
                change = changed ? new StatusChange(previous, report) : null;
            }
        }
        announce(change);
        return report;
    }

    /**
     * Announces every check whose latest report went stale since the last sweep. Readers see
     * staleness on every read anyway; the sweep is for listeners (alerts, systemd), which hear
     * of a change only when one is announced.
     */
    public void sweepStale() {
        Instant now = clock.instant();
        for (CheckSlot slot : slots.values()) {
            StatusChange change = null;
            synchronized (slot) {
                CheckReport current = slot.announced;
                CheckReport seen = slot.shown(current, now);
                if (current != null && seen != current) {
                    slot.announced = seen;
                    change = current.status() != seen.status() ? new StatusChange(current, seen) : null;
                }
            }
            announce(change);
        }
    }

    private void announce(StatusChange change) {
        if (change == null) {
            return;
        }
        for (StatusChangeListener listener : listeners) {
            try {
                listener.onStatusChange(change);
            } catch (RuntimeException e) {
                LOG.warn("status change listener {} failed: {}", listener.getClass().getName(),
                        e.getClass().getName());
            }
        }
    }

    @Override
    public List<String> ids() {
        return List.copyOf(slots.keySet());
    }

    @Override
    public Optional<CheckInfo> info(String id) {
        return Optional.ofNullable(slots.get(id)).map(s -> s.info);
    }

    @Override
    public List<CheckReport> latest() {
        Instant now = clock.instant();
        List<CheckReport> reports = new ArrayList<>();
        for (CheckSlot slot : slots.values()) {
            CheckReport r = slot.latest(now);
            if (r != null) {
                reports.add(r);
            }
        }
        return reports;
    }

    @Override
    public Optional<CheckReport> latest(String id) {
        CheckSlot slot = slots.get(id);
        return slot == null ? Optional.empty() : Optional.ofNullable(slot.latest(clock.instant()));
    }

    @Override
    public List<CheckReport> history(String id) {
        CheckSlot slot = slots.get(id);
        return slot == null ? List.of() : slot.history();
    }

    @Override
    public Optional<CheckStats> stats(String id) {
        CheckSlot slot = slots.get(id);
        return slot == null ? Optional.empty() : Optional.of(slot.stats());
    }

    @Override
    public boolean ready() {
        return slots.values().stream().allMatch(s -> s.latest(clock.instant()) != null);
    }

    @Override
    public void addListener(StatusChangeListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(StatusChangeListener listener) {
        listeners.remove(listener);
    }
}
