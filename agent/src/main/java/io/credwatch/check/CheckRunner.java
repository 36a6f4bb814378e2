package io.credwatch.check;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one check, bounded: on a worker thread, timed out on the timer at the check's timeout,
 * anything it throws turned into {@code UNKNOWN}, one run of a check at a time. This is the
 * one place that times checks and catches their surprises; the result goes to the store.
 * The executors are the composition root's, which closes them.
 */
public final class CheckRunner implements CheckRuns {

    private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);

    private final ResultStore store;
    private final Executor workers;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final boolean persistent;
    private final Map<String, Flight> flights = new ConcurrentHashMap<>();

    /** {@code persistent} false: a one-shot run that may read state but must not write it. */
    public CheckRunner(ResultStore store, Executor workers, ScheduledExecutorService timer, Clock clock,
                       boolean persistent) {
        this.store = store;
        this.workers = workers;
        this.timer = timer;
        this.clock = clock;
        this.persistent = persistent;
    }

    @Override
    public CompletableFuture<CheckReport> runNow(String id) {
        return store.check(id).map(this::onDemand)
                .orElseGet(() -> CompletableFuture.failedFuture(new IllegalArgumentException("unknown check")));
    }

    @Override
    public List<CompletableFuture<CheckReport>> runAll() {
        List<CompletableFuture<CheckReport>> all = new ArrayList<>();
        for (Check check : store.checks()) {
            all.add(onDemand(check));
        }
        return all;
    }

    @Override
    public RunWait runAndWait(String id, Duration grace) {
        Optional<Check> check = store.check(id);
        if (check.isEmpty()) {
            return new RunWait.Refused("unknown check");
        }
        Duration wait = check.get().timeout().plus(grace);
        try {
            return new RunWait.Finished(onDemand(check.get()).get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return new RunWait.StillRunning(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RunWait.Interrupted();
        } catch (ExecutionException e) {
            // Only the type: a message could echo whatever the run was handling.
            return new RunWait.Refused("the run failed (" + e.getCause().getClass().getSimpleName() + ")");
        }
    }

    /**
     * A run someone asked for. Before the latest report's {@code retryAt} it would ask the service
     * nothing it has not already answered (an exchange's pause, a spent call budget), so that
     * report is the answer and no run is recorded: asking again and again does not turn one
     * rate limit into a run of UNKNOWNs. Scheduled runs are not held back here; the check itself
     * decides what they may send.
     */
    private CompletableFuture<CheckReport> onDemand(Check check) {
        Optional<CheckReport> latest = store.latest(check.id());
        if (latest.isPresent() && latest.get().retryAt() != null && latest.get().retryAt().isAfter(clock.instant())) {
            return CompletableFuture.completedFuture(latest.get());
        }
        return run(check);
    }

    /** Forgets the run state of checks a reload removed. */
    void retainOnly(List<String> ids) {
        flights.keySet().retainAll(ids);
    }

    CompletableFuture<CheckReport> run(Check check) {
        Flight flight = flights.computeIfAbsent(check.id(), id -> new Flight());
        CompletableFuture<CheckReport> outcome;
        synchronized (flight) {
            if (flight.inFlight != null && !flight.inFlight.isDone()) {
                if (flight.runs != check) {
                    // A reload replaced the check while its old self was running: the old run's
                    // answer is to the old settings, so the new check runs once it is done.
                    return flight.inFlight.handle((done, failed) -> check).thenCompose(this::run);
                }
                return flight.inFlight;
            }
            if (flight.busy) {
                // The last run timed out and its thread has not come back yet: starting another
                // would stack up hung threads. The TIMEOUT report stands until it returns.
                LOG.debug("{}: previous run still busy after its timeout; skipping this run", check.id());
                return CompletableFuture.completedFuture(store.latest(check.id()).orElse(null));
            }
            outcome = new CompletableFuture<>();
            flight.inFlight = outcome;
            flight.runs = check;
            flight.busy = true;
        }
        try {
            // The clock starts when a worker takes the run, not when it is queued: with many
            // checks due at once (a hundred accounts), the last ones would otherwise spend their
            // whole timeout waiting for a thread and never send a request.
            workers.execute(() -> runOnWorker(check, flight, outcome));
        } catch (RejectedExecutionException stopping) {
            synchronized (flight) {
                flight.busy = false;
            }
            complete(check, flight, outcome, CheckResult.unknown(Category.UNAVAILABLE, "credwatch is stopping", ""),
                    clock.instant(), System.nanoTime());
        }
        return outcome;
    }

    private void runOnWorker(Check check, Flight flight, CompletableFuture<CheckReport> outcome) {
        Instant startedAt = clock.instant();
        long startNanos = System.nanoTime();
        CheckContext context = new CheckContext(clock, startedAt.plus(check.timeout()), persistent);
        Thread worker = Thread.currentThread();
        try {
            ScheduledFuture<?> watchdog = timer.schedule(() -> {
                if (!outcome.isDone()) {
                    // The pool clears a stray interrupt before the thread's next task.
                    worker.interrupt();
                    complete(check, flight, outcome, timeoutResult(check), startedAt, startNanos);
                }
            }, check.timeout().toMillis(), TimeUnit.MILLISECONDS);
            outcome.whenComplete((r, e) -> watchdog.cancel(false));
        } catch (RejectedExecutionException stopping) {
            // The timer is closing: the run goes on without its bound, and the workers close next.
        }
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
            synchronized (flight) {
                flight.busy = false;
            }
        }
        complete(check, flight, outcome, result, startedAt, startNanos);
    }

    private void complete(Check check, Flight flight, CompletableFuture<CheckReport> outcome, CheckResult result,
                          Instant startedAt, long startNanos) {
        synchronized (flight) {
            if (flight.recordedFor == outcome) {
                return; // the timeout already answered for this run, or the run for the timeout
            }
            flight.recordedFor = outcome;
        }
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        CheckReport report = store.record(check, result, startedAt, durationMs);
        // Completed last, so whoever waits on a run sees its status change already announced.
        outcome.complete(report);
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

    /** One check's run under way, if any, and whether its thread is still out after a timeout. */
    private static final class Flight {
        CompletableFuture<CheckReport> inFlight;
        /** The check object the run in flight belongs to; a reload brings a new one under the same id. */
        Check runs;
        CompletableFuture<CheckReport> recordedFor;
        boolean busy;
    }
}
