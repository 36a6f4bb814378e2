package io.credwatch.alert;

import io.credwatch.check.CheckReport;
import io.credwatch.check.Status;
import io.credwatch.check.StatusChange;
import io.credwatch.check.StatusChangeListener;
import io.credwatch.config.AlertsConfig;
import io.credwatch.config.WebhookConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Decides which alerts go out (SPEC "Alerts"): one on each status change of a check, and a
 * reminder every {@code remindEvery} while it stays bad. It remembers what it last said per
 * check, so the same transition is never sent twice and a reminder waits its full interval
 * after the last alert. A first run that comes out OK is not news and sends nothing. The
 * calls themselves happen on the {@link AlertQueue}'s sender, never on a check's thread.
 * Transitions are already logged once, at their priority, by the check core's transition log.
 */
public final class Alerter implements StatusChangeListener, AutoCloseable {

    private static final int QUEUE_CAPACITY = 256;
    private static final Duration STOP_BOUND = Duration.ofSeconds(2);

    private record Said(Status status, Instant at) {
    }

    private final Supplier<AlertsConfig> config;
    private final Supplier<List<CheckReport>> latest;
    private final AlertOrigin origin;
    private final Clock clock;
    private final AlertQueue queue;
    /** Per check id, the last alert sent while it is not OK; guarded by {@code this}. */
    private final Map<String, Said> said = new HashMap<>();
    private final ScheduledExecutorService housekeeping;
    private ScheduledFuture<?> reminders;

    /**
     * @param config read on every alert, so a reloaded configuration applies at once
     * @param latest the latest report of every current check (the store's {@code latest()})
     * @param housekeeping the composition root's timer for periodic chores, which it closes
     * @param sender       the composition root's thread for the webhook calls, which it closes
     */
    public Alerter(Supplier<AlertsConfig> config, Supplier<List<CheckReport>> latest, AlertOrigin origin,
                   Clock clock, Supplier<HttpClient> http, RetryPolicy retry, ScheduledExecutorService housekeeping,
                   ExecutorService sender) {
        this.housekeeping = housekeeping;
        this.config = config;
        this.latest = latest;
        this.origin = origin;
        this.clock = clock;
        this.queue = new AlertQueue(new WebhookPoster(http, retry), QUEUE_CAPACITY, sender);
    }

    /** Looks for due reminders every {@code tick}; reminders are late by at most that much. */
    public synchronized void startReminders(Duration tick) {
        if (reminders == null) {
            reminders = housekeeping.scheduleWithFixedDelay(this::remind, tick.toMillis(), tick.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void onStatusChange(StatusChange change) {
        CheckReport now = change.current();
        synchronized (this) {
            Said last = said.get(now.id());
            boolean news = last == null ? !now.status().isOk() : last.status() != now.status();
            if (!news) {
                return;
            }
            if (now.status().isOk()) {
                said.remove(now.id());
            } else {
                said.put(now.id(), new Said(now.status(), clock.instant()));
            }
        }
        send(Alert.transition(now, change.previousStatus(), origin));
    }

    /** Sends a reminder for each check still in the bad status last alerted, once {@code remindEvery} has passed. */
    public void remind() {
        Instant now = clock.instant();
        Duration every = config.get().remindEvery();
        Map<String, CheckReport> current = latest.get().stream()
                .collect(Collectors.toMap(CheckReport::id, r -> r, (a, b) -> a));
        List<Alert> due = new ArrayList<>();
        synchronized (this) {
            said.keySet().retainAll(current.keySet()); // checks a reload removed
            for (Map.Entry<String, Said> e : said.entrySet()) {
                CheckReport report = current.get(e.getKey());
                Said last = e.getValue();
                // A different status is a transition on its way through onStatusChange.
                if (report.status() == last.status() && !now.isBefore(last.at().plus(every))) {
                    due.add(Alert.reminder(report, origin, now));
                    e.setValue(new Said(last.status(), now));
                }
            }
        }
        due.forEach(this::send);
    }

    private void send(Alert alert) {
        for (WebhookConfig w : config.get().webhooks()) {
            queue.offer(new Webhook(URI.create(w.url()), WebhookFormat.named(w.format())), alert);
        }
    }

    /** Waits until every alert decided so far has been sent or given up on; false on timeout. */
    public boolean awaitSent(Duration bound) throws InterruptedException {
        return queue.awaitIdle(bound);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (reminders != null) {
                reminders.cancel(false);
            }
        }
        queue.close(STOP_BOUND);
    }
}
