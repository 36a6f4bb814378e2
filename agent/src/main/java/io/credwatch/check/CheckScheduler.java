package io.credwatch.check;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs every check on its own interval (with jitter): once at start, then again an interval
 * after each run finishes, so one check's runs never pile up. A reload's new checks run at
 * once; removed ones stop. Counts a heartbeat on the timer thread, which starts every run and
 * enforces every timeout: when it is stuck, nothing is checked any more, and the count stops
 * with it (the systemd watchdog is fed only while it moves).
 */
public final class CheckScheduler implements StatusChangeListener {

    /** How often the timer thread counts a heartbeat once started. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(1);

    private final ResultStore store;
    private final CheckRunner runner;
    private final ScheduledExecutorService timer;
    private final Jitter jitter;
    /** Per scheduled id, the token of its schedule: a run of a schedule that was replaced stops. */
    private final Map<String, Object> schedules = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final AtomicLong heartbeats = new AtomicLong();
    private boolean started;

    public CheckScheduler(ResultStore store, CheckRunner runner, ScheduledExecutorService timer, Jitter jitter) {
        this.store = store;
        this.runner = runner;
        this.timer = timer;
        this.jitter = jitter;
    }

    /** Starts every check now, then on its interval. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        store.ids().forEach(this::begin);
        timer.scheduleAtFixedRate(heartbeats::incrementAndGet, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public long heartbeats() {
        return heartbeats.get();
    }

    @Override
    public void onStatusChange(StatusChange change) {
    }

    @Override
    public synchronized void onChecksReplaced(List<String> ids) {
        runner.retainOnly(ids);
        for (String id : List.copyOf(schedules.keySet())) {
            if (!ids.contains(id)) {
                schedules.remove(id);
                ScheduledFuture<?> next = pending.remove(id);
                if (next != null) {
                    next.cancel(false);
                }
            }
        }
        if (started) {
            ids.stream().filter(id -> !schedules.containsKey(id)).forEach(this::begin);
        }
    }

    private void begin(String id) {
        Object token = new Object();
        schedules.put(id, token);
        execute(() -> scheduledRun(id, token));
    }

    private void scheduledRun(String id, Object token) {
        if (schedules.get(id) != token) {
            return;
        }
        store.check(id).ifPresent(check -> runner.run(check).whenComplete((report, error) -> next(id, token)));
    }

    private void next(String id, Object token) {
        if (schedules.get(id) != token) {
            return;
        }
        store.check(id).ifPresent(check -> {
            Duration delay = jitter.next(check.interval());
            try {
                pending.put(id, timer.schedule(() -> scheduledRun(id, token), delay.toMillis(), TimeUnit.MILLISECONDS));
            } catch (RejectedExecutionException stopping) {
                // closing: nothing more to schedule
            }
        });
    }

    private void execute(Runnable run) {
        try {
            timer.execute(run);
        } catch (RejectedExecutionException stopping) {
            // closing: nothing more to start
        }
    }
}
