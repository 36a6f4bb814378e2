package io.credwatch.check;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every check on its own interval (with jitter), one run of a check at a time, each
 * bounded by the check's timeout; keeps the latest report, a bounded history and counters;
 * announces status changes. This is the one place that times checks and turns their
 * surprises into {@code UNKNOWN}.
 */
public final class CheckScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckScheduler.class);
    public static final int DEFAULT_HISTORY = 50;
    /** How often the timer thread counts a heartbeat once started. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(1);

    /** Replaced whole on reload, never mutated: readers need no lock. */
    private volatile Map<String, Slot> slots;
    private final Clock clock;
    private final boolean persistent;
    private final Jitter jitter;
    private final int historySize;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService workers;
    private final List<StatusChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong heartbeats = new AtomicLong();
    private volatile boolean started;
    private volatile boolean closed;

    public CheckScheduler(Collection<? extends Check> checks, Clock clock, Jitter jitter, int workerThreads,
                          int historySize) {
        this(checks, clock, jitter, workerThreads, historySize, true);
    }

    /** {@code persistent} false: a one-shot run that may read state but must not write it. */
    public CheckScheduler(Collection<? extends Check> checks, Clock clock, Jitter jitter, int workerThreads,
                          int historySize, boolean persistent) {
        this.clock = clock;
        this.jitter = jitter;
        this.historySize = historySize;
        this.persistent = persistent;
        this.slots = slotsFor(checks, Map.of());
        this.timer = new ScheduledThreadPoolExecutor(1, daemonThreads("credwatch-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.workers = Executors.newFixedThreadPool(Math.max(1, workerThreads), daemonThreads("credwatch-check"));
    }

    private static Map<String, Slot> slotsFor(Collection<? extends Check> checks, Map<String, Slot> existing) {
        Map<String, Check> byId = new LinkedHashMap<>();
        for (Check check : checks) {
            // Refused before any slot changes: a refused set must leave the running one whole.
            if (byId.putIfAbsent(check.id(), check) != null) {
                throw new IllegalArgumentException("duplicate check id " + check.id());
            }
        }
        Map<String, Slot> next = new LinkedHashMap<>();
        for (Check check : byId.values()) {
            Slot slot = existing.get(check.id());
            if (slot == null) {
                slot = new Slot(check);
            } else {
                slot.check = check;
            }
            next.put(check.id(), slot);
        }
        return next;
    }

    /**
     * Swaps in a new set of checks (a configuration reload). A check whose id stays keeps its
     * history and counters and its place in the schedule; a removed one stops; a new one runs
     * at once.
     */
    public synchronized void replace(Collection<? extends Check> checks) {
        Map<String, Slot> previous = slots;
        Map<String, Slot> next = slotsFor(checks, previous);
        slots = next;
        for (Map.Entry<String, Slot> e : previous.entrySet()) {
            if (!next.containsKey(e.getKey())) {
                e.getValue().retired = true;
                ScheduledFuture<?> pending = e.getValue().next;
                if (pending != null) {
                    pending.cancel(false);
                }
            }
        }
        if (started && !closed) {
            for (Map.Entry<String, Slot> e : next.entrySet()) {
                if (!previous.containsKey(e.getKey())) {
                    timer.execute(() -> scheduledRun(e.getValue()));
                }
            }
        }
    }

    public void addListener(StatusChangeListener listener) {
        listeners.add(listener);
    }

    public void removeListener(StatusChangeListener listener) {
        listeners.remove(listener);
    }

    /** Starts every check now, then on its interval. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        for (Slot slot : slots.values()) {
            timer.execute(() -> scheduledRun(slot));
        }
        // Counted on the timer thread, which starts every run and enforces every timeout: when
        // it is stuck, nothing is checked any more, and the count stops with it.
        timer.scheduleAtFixedRate(heartbeats::incrementAndGet, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Grows every {@link #HEARTBEAT} while the scheduler works; the systemd watchdog is fed
     * only while it grows.
     */
    public long heartbeats() {
        return heartbeats.get();
    }

    public List<String> ids() {
        return List.copyOf(slots.keySet());
    }

    public Optional<Check> check(String id) {
        return Optional.ofNullable(slots.get(id)).map(s -> s.check);
    }

    public List<CheckReport> latest() {
        List<CheckReport> reports = new ArrayList<>();
        for (Slot slot : slots.values()) {
            CheckReport r = slot.latest();
            if (r != null) {
                reports.add(r);
            }
        }
        return reports;
    }

    public Optional<CheckReport> latest(String id) {
        Slot slot = slots.get(id);
        return slot == null ? Optional.empty() : Optional.ofNullable(slot.latest());
    }

    /** Newest first. */
    public List<CheckReport> history(String id) {
        Slot slot = slots.get(id);
        return slot == null ? List.of() : slot.history();
    }

    public Optional<CheckStats> stats(String id) {
        Slot slot = slots.get(id);
        return slot == null ? Optional.empty() : Optional.of(slot.stats());
    }

    /** True once every check has finished at least once. */
    public boolean ready() {
        return slots.values().stream().allMatch(s -> s.latest() != null);
    }

    /**
     * Runs the check now, unless a run is already under way, in which case that run's
     * result is returned: two runs of one check never overlap.
     */
    public CompletableFuture<CheckReport> runNow(String id) {
        Slot slot = slots.get(id);
        if (slot == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown check " + id));
        }
        return run(slot);
    }

    public List<CompletableFuture<CheckReport>> runAll() {
        List<CompletableFuture<CheckReport>> all = new ArrayList<>();
        for (Slot slot : slots.values()) {
            all.add(run(slot));
        }
        return all;
    }

    private void scheduledRun(Slot slot) {
        if (closed || slot.retired) {
            return;
        }
        run(slot).whenComplete((report, error) -> scheduleNext(slot));
    }

    private void scheduleNext(Slot slot) {
        if (closed || slot.retired) {
            return;
        }
        Duration delay = jitter.next(slot.check.interval());
        try {
            slot.next = timer.schedule(() -> scheduledRun(slot), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // closing: nothing more to schedule
        }
    }

    private CompletableFuture<CheckReport> run(Slot slot) {
        CompletableFuture<CheckReport> outcome;
        synchronized (slot) {
            if (slot.inFlight != null && !slot.inFlight.isDone()) {
                return slot.inFlight;
            }
            if (slot.busy) {
                // The last run timed out and its thread has not come back yet: starting another
                // would stack up hung threads. The TIMEOUT report stands until it returns.
                LOG.debug("{}: previous run still busy after its timeout; skipping this run", slot.check.id());
                return CompletableFuture.completedFuture(slot.latest());
            }
            outcome = new CompletableFuture<>();
            slot.inFlight = outcome;
            slot.busy = true;
        }
        Check check = slot.check;
        try {
            // The clock starts when a worker takes the run, not when it is queued: with many
            // checks due at once (a hundred accounts), the last ones would otherwise spend their
            // whole timeout waiting for a thread and never send a request.
            workers.execute(() -> {
                Instant startedAt = clock.instant();
                long startNanos = System.nanoTime();
                CheckContext context = new CheckContext(clock, startedAt.plus(check.timeout()), persistent);
                Thread worker = Thread.currentThread();
                ScheduledFuture<?> watchdog = timer.schedule(() -> {
                    if (!outcome.isDone()) {
                        // The pool clears a stray interrupt before the thread's next task.
                        worker.interrupt();
                        complete(slot, outcome, timeoutResult(check), startedAt, startNanos);
                    }
                }, check.timeout().toMillis(), TimeUnit.MILLISECONDS);
                outcome.whenComplete((r, e) -> watchdog.cancel(false));
                CheckResult result;
                try {
                    result = check.run(context);
                    if (result == null) {
                        result = CheckResult.unknown(Category.INTERNAL_ERROR, "the check returned no result",
                                "This is a credwatch bug; please report it with the logs.");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    result = timeoutResult(check);
                } catch (Throwable t) {
                    result = failureResult(check, t);
                } finally {
                    synchronized (slot) {
                        slot.busy = false;
                    }
                }
                complete(slot, outcome, result, startedAt, startNanos);
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            synchronized (slot) {
                slot.busy = false;
            }
            complete(slot, outcome, CheckResult.unknown(Category.UNAVAILABLE, "credwatch is stopping", ""),
                    clock.instant(), System.nanoTime());
        }
        return outcome;
    }

    private static CheckResult timeoutResult(Check check) {
        return CheckResult.unknown(Category.TIMEOUT,
                "did not finish within " + Durations.format(check.timeout()),
                "A dependency of this check did not answer in time; its details in the logs name which. "
                        + "Raise the check's timeout only if the dependency is known to be slow.");
    }

    private static CheckResult failureResult(Check check, Throwable t) {
        // The message is left out on purpose: exceptions from HTTP and SDK clients can echo a
        // request, and a request can carry a secret.
        StackTraceElement top = t.getStackTrace().length > 0 ? t.getStackTrace()[0] : null;
        String where = top == null ? "" : " at " + top.getClassName() + "." + top.getMethodName()
                + ":" + top.getLineNumber();
        LOG.warn("{}: check failed unexpectedly: {}{}", check.id(), t.getClass().getName(), where);
        return CheckResult.unknown(Category.INTERNAL_ERROR,
                "the check failed unexpectedly (" + t.getClass().getSimpleName() + ")",
                "This is likely a credwatch bug; the log has where it happened.");
    }

    private void complete(Slot slot, CompletableFuture<CheckReport> outcome, CheckResult result,
                          Instant startedAt, long startNanos) {
        StatusChange change;
        CheckReport report;
        synchronized (slot) {
            if (slot.recordedFor == outcome) {
                return; // the timeout already answered for this run, or the run for the timeout
            }
            slot.recordedFor = outcome;
            long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            CheckReport previous = slot.latest();
            boolean failed = !result.status().isOk();
            int consecutive = failed ? (previous == null ? 1 : previous.consecutiveFailures() + 1) : 0;
            boolean changed = previous == null || previous.status() != result.status();
            Instant lastChange = changed ? startedAt : previous.lastChange();
            report = CheckReport.of(slot.check, result, startedAt, durationMs, consecutive, lastChange);
            slot.record(report, failed, historySize);
            change = changed ? new StatusChange(previous, report) : null;
        }
        if (change != null) {
            logChange(change);
            for (StatusChangeListener listener : listeners) {
                try {
                    listener.onStatusChange(change);
                } catch (RuntimeException e) {
                    LOG.warn("status change listener {} failed: {}", listener.getClass().getName(),
                            e.getClass().getName());
                }
            }
        }
        // Completed last, so whoever waits on a run sees its status change already announced.
        outcome.complete(report);
    }

    private static void logChange(StatusChange change) {
        CheckReport now = change.current();
        String from = change.previous() == null ? "(first run)" : change.previous().status().name();
        String line = "{}: {} -> {} [{}] {}{}";
        Object[] args = {now.id(), from, now.status(), now.category(), now.summary(),
                now.remediation().isEmpty() ? "" : " | fix: " + now.remediation()};
        switch (now.status()) {
            case CRITICAL -> LOG.error(line, args);
            case WARN, UNKNOWN -> LOG.warn(line, args);
            case OK -> LOG.info(line, args);
        }
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        workers.shutdownNow();
    }

    /** Waits up to {@code bound} for running checks to finish, then abandons them. */
    public void close(Duration bound) {
        closed = true;
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static final class Slot {
        volatile Check check;
        volatile boolean retired;
        final Deque<CheckReport> history = new ArrayDeque<>();
        CompletableFuture<CheckReport> inFlight;
        CompletableFuture<CheckReport> recordedFor;
        boolean busy;
        volatile ScheduledFuture<?> next;
        long runCount;
        long failureCount;

        Slot(Check check) {
            this.check = check;
        }

        synchronized CheckReport latest() {
            return history.peekFirst();
        }

        synchronized List<CheckReport> history() {
            return List.copyOf(history);
        }

        synchronized CheckStats stats() {
            return new CheckStats(runCount, failureCount);
        }

        synchronized void record(CheckReport report, boolean failed, int limit) {
            history.addFirst(report);
            while (history.size() > limit) {
                history.removeLast();
            }
            runCount++;
            if (failed) {
                failureCount++;
            }
        }
    }
}
