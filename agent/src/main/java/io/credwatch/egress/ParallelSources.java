package io.credwatch.egress;

import io.credwatch.check.Category;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks every source at once, each on its own thread, and returns what each saw, in
 * configuration order, by the run's deadline: a source that has not answered by then is
 * reported as a {@code TIMEOUT} observation, never waited for.
 */
final class ParallelSources {

    private final List<EgressSource> sources;
    private final ExecutorService pool;
    /** A source whose previous call has not returned yet (an SDK call ignores interrupts) is not called again. */
    private final Map<EgressSource, AtomicBoolean> busy = new IdentityHashMap<>();

    /** @param pool one thread per source call, so a hanging source delays no other */
    ParallelSources(List<EgressSource> sources, ExecutorService pool) {
        this.sources = List.copyOf(sources);
        this.pool = Objects.requireNonNull(pool, "pool");
        for (EgressSource s : this.sources) {
            busy.put(s, new AtomicBoolean());
        }
    }

    /** One observation per source, in the order the sources were given. */
    List<EgressObservation> observe(RunBudget budget) throws InterruptedException {
        long until = System.nanoTime() + budget.waitForAll().toNanos();
        List<Future<EgressObservation>> calls = new ArrayList<>();
        for (EgressSource source : sources) {
            AtomicBoolean flag = busy.get(source);
            if (!flag.compareAndSet(false, true)) {
                calls.add(null);
                continue;
            }
            try {
                calls.add(pool.submit(() -> observe(source, budget.perSource(), flag)));
            } catch (RuntimeException rejected) {
                flag.set(false);
                throw rejected;
            }
        }
        List<EgressObservation> out = new ArrayList<>();
        try {
            for (int i = 0; i < sources.size(); i++) {
                EgressSource source = sources.get(i);
                Future<EgressObservation> call = calls.get(i);
                if (call == null) {
                    out.add(EgressObservation.failed(source.name(), Category.TIMEOUT,
                            "still waiting for its previous request", 0));
                    continue;
                }
                try {
                    out.add(call.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    call.cancel(true);
                    out.add(EgressObservation.failed(source.name(), Category.TIMEOUT,
                            "no answer within " + budget.perSource().toMillis() + "ms", budget.waitForAll().toMillis()));
                } catch (ExecutionException e) {
                    out.add(EgressObservation.failed(source.name(), Category.UNAVAILABLE,
                            "failed (" + e.getCause().getClass().getSimpleName() + ")", 0));
                }
            }
        } catch (InterruptedException e) {
            calls.stream().filter(Objects::nonNull).forEach(c -> c.cancel(true));
            throw e;
        }
        return out;
    }

    private static EgressObservation observe(EgressSource source, Duration budget, AtomicBoolean flag) {
        long start = System.nanoTime();
        try {
            String ip = source.observe(budget);
            return EgressObservation.saw(source.name(), ip, millisSince(start));
        } catch (EgressSourceException e) {
            return EgressObservation.failed(source.name(), e.category(), e.getMessage(), millisSince(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EgressObservation.failed(source.name(), Category.TIMEOUT, "abandoned at the deadline", millisSince(start));
        } catch (RuntimeException e) {
            // Never the message: a client's exception can echo the request.
            return EgressObservation.failed(source.name(), Category.UNAVAILABLE,
                    "failed (" + e.getClass().getSimpleName() + ")", millisSince(start));
        } finally {
            flag.set(false);
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
