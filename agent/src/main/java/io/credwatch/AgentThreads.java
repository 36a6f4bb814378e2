package io.credwatch;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every thread pool of the agent, built and closed here and nowhere else, so that a reload
 * cannot leave one behind and a stop leaves none running.
 *
 * <ul>
 *   <li>{@code timer}: starts every scheduled run and enforces every timeout; the scheduler's
 *       heartbeat is counted on it, so when it is stuck the systemd watchdog notices.</li>
 *   <li>{@code workers}: the checks' runs, a fixed number at once.</li>
 *   <li>{@code housekeeping}: periodic chores that must go on when the timer is stuck (the
 *       staleness sweep, the watchdog pings, alert reminders), and the alarms that cut an AWS
 *       answer that takes too long.</li>
 *   <li>{@code alerts}: the one thread that sends webhooks, in order, off the checks' threads.</li>
 *   <li>{@code sources}: one egress source's request each, so that a source that hangs does
 *       not delay the others; threads end when idle.</li>
 *   <li>{@code httpClient}: the JDK HTTP client's own work (echo services, exchanges, webhooks):
 *       two threads, ending when idle; its queue is unbounded because the client stops its
 *       selector when its executor refuses a task (JDK-8277969).</li>
 * </ul>
 */
final class AgentThreads implements AutoCloseable {

    private static final Duration SOURCE_THREAD_IDLE = Duration.ofSeconds(30);

    final ScheduledExecutorService timer;
    final ExecutorService workers;
    final ScheduledExecutorService housekeeping;
    final ExecutorService sources;
    final ExecutorService httpClient;
    final ExecutorService alerts;

    AgentThreads(int workerThreads) {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemonThreads("credwatch-timer"));
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
        this.workers = Executors.newFixedThreadPool(Math.max(1, workerThreads), daemonThreads("credwatch-check"));
        ScheduledThreadPoolExecutor h = new ScheduledThreadPoolExecutor(1, daemonThreads("credwatch-housekeeping"));
        h.setRemoveOnCancelPolicy(true);
        this.housekeeping = h;
        this.sources = new ThreadPoolExecutor(0, Integer.MAX_VALUE, SOURCE_THREAD_IDLE.toSeconds(), TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemonThreads("credwatch-egress"));
        ThreadPoolExecutor client = new ThreadPoolExecutor(2, 2, SOURCE_THREAD_IDLE.toSeconds(), TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("credwatch-http-client"));
        client.allowCoreThreadTimeOut(true);
        this.httpClient = client;
        this.alerts = Executors.newSingleThreadExecutor(daemonThreads("credwatch-alerts"));
    }

    /**
     * Stops scheduling at once, gives running checks up to {@code bound} to finish before
     * abandoning them, then stops the pools their runs use. The alert sender and the HTTP
     * client's threads stay for {@link #close()}: a last alert may still be on its way.
     */
    void stopChecks(Duration bound) {
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
        // After the runs: a run finishing within the bound may still call a source or set an alarm.
        sources.shutdownNow();
        housekeeping.shutdownNow();
    }

    /** Everything, at once; after {@link #stopChecks} and the last alert. */
    @Override
    public void close() {
        stopChecks(Duration.ZERO);
        alerts.shutdownNow();
        httpClient.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
