package io.credwatch.alert;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook calls in the background: a bounded queue and one sender, a long task on the
 * executor the composition root gives it (and closes). Adding never waits,
 * so a slow or hanging receiver holds up only other alerts, never a check or the scheduler;
 * when the queue is full, the new alert is dropped with a log line (the log has the transition).
 */
public final class AlertQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertQueue.class);

    record Delivery(Webhook webhook, Alert alert) {
    }

    private final BlockingQueue<Delivery> queue;
    private final WebhookPoster poster;
    private final Future<?> worker;
    /** Queued plus the one being sent; guarded by {@code this}. */
    private int pending;

    AlertQueue(WebhookPoster poster, int capacity, ExecutorService sender) {
        this.poster = poster;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = sender.submit(this::work);
    }

    void offer(Webhook webhook, Alert alert) {
        synchronized (this) {
            if (!queue.offer(new Delivery(webhook, alert))) {
                LOG.warn("{}: alert queue full; dropped the alert for {} {}", webhook, alert.check(), alert.status());
                return;
            }
            pending++;
        }
    }

    private void work() {
        try {
            while (true) {
                Delivery d = queue.take();
                try {
                    poster.post(d.webhook(), d.webhook().format().body(d.alert()), d.alert().check());
                } catch (RuntimeException e) {
                    LOG.warn("{}: alert for {} failed: {}", d.webhook(), d.alert().check(), e.getClass().getName());
                } finally {
                    synchronized (this) {
                        pending--;
                        notifyAll();
                    }
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until every alert offered so far has been sent or given up on; false on timeout. */
    public synchronized boolean awaitIdle(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (pending > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Gives queued alerts {@code bound} to go out (a recovery just before a stop), then stops. */
    public void close(Duration bound) {
        try {
            if (!awaitIdle(bound)) {
                LOG.warn("stopping with {} alert(s) not sent", queue.size() + 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    @Override
    public void close() {
        worker.cancel(true);
    }
}
