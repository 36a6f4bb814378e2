package io.credwatch.testing;

import io.credwatch.check.Check;
import io.credwatch.check.CheckReport;
import io.credwatch.check.CheckRunner;
import io.credwatch.check.CheckScheduler;
import io.credwatch.check.CheckStats;
import io.credwatch.check.Jitter;
import io.credwatch.check.ResultStore;
import io.credwatch.check.StatusChangeListener;
import io.credwatch.check.TransitionLog;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The check core wired as the composition root wires it (store, runner, scheduler, transition
 * log), with thread pools of its own that {@link #close()} shuts: for tests of the core and of
 * the faces on top of it.
 */
public final class CheckCore implements AutoCloseable {

    public final ResultStore store;
    public final CheckRunner runner;
    public final CheckScheduler scheduler;
    public final ScheduledExecutorService housekeeping;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService workers;

    public CheckCore(Collection<? extends Check> checks, Clock clock, Jitter jitter, int workerThreads, int history) {
        this(checks, clock, jitter, workerThreads, history, true);
    }

    public CheckCore(Collection<? extends Check> checks, Clock clock, Jitter jitter, int workerThreads, int history,
                     boolean persistent) {
        timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "credwatch-timer"));
        timer.setRemoveOnCancelPolicy(true);
        workers = Executors.newFixedThreadPool(workerThreads, r -> daemon(r, "credwatch-check"));
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "credwatch-housekeeping"));
        store = new ResultStore(checks, clock, history);
        runner = new CheckRunner(store, workers, timer, clock, persistent);
        scheduler = new CheckScheduler(store, runner, timer, jitter);
        store.addListener(new TransitionLog());
        store.addListener(scheduler);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void start() {
        scheduler.start();
    }

    public CompletableFuture<CheckReport> runNow(String id) {
        return runner.runNow(id);
    }

    public List<CompletableFuture<CheckReport>> runAll() {
        return runner.runAll();
    }

    public List<CheckReport> latest() {
        return store.latest();
    }

    public Optional<CheckReport> latest(String id) {
        return store.latest(id);
    }

    public List<CheckReport> history(String id) {
        return store.history(id);
    }

    public Optional<CheckStats> stats(String id) {
        return store.stats(id);
    }

    public List<String> ids() {
        return store.ids();
    }

    public boolean ready() {
        return store.ready();
    }

    public void replace(Collection<? extends Check> checks) {
        store.replace(checks);
    }

    public void addListener(StatusChangeListener listener) {
        store.addListener(listener);
    }

    public long heartbeats() {
        return scheduler.heartbeats();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        housekeeping.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
