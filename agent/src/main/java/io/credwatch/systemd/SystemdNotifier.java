package io.credwatch.systemd;

import io.credwatch.check.CheckResults;
import io.credwatch.check.StatusChange;
import io.credwatch.check.StatusChangeListener;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd how the daemon is doing ({@code Type=notify}): READY once it serves and the
 * first round runs, STATUS on every status change, WATCHDOG while the scheduler's heartbeat
 * moves, RELOADING/READY around a reload, STOPPING on the way out. Without
 * {@code $NOTIFY_SOCKET} (not started by systemd) every call does nothing.
 */
public final class SystemdNotifier implements StatusChangeListener {

    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);
    static final String PREVIOUS_RUNNING = "; previous configuration running";

    private final Optional<NotifySocket> socket;
    private final Optional<Duration> pingEvery;
    private final CheckResults results;
    private final LongSupplier heartbeats;
    private final ScheduledExecutorService housekeeping;
    private ScheduledFuture<?> pinger;
    private volatile String note = "";
    private volatile boolean failedBefore;

    SystemdNotifier(Optional<NotifySocket> socket, Optional<Duration> pingEvery, CheckResults results,
                    LongSupplier heartbeats, ScheduledExecutorService housekeeping) {
        this.socket = socket;
        this.pingEvery = pingEvery;
        this.results = results;
        this.heartbeats = heartbeats;
        this.housekeeping = housekeeping;
    }

    /**
     * From {@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC} and {@code WATCHDOG_PID} as systemd sets
     * them; a watchdog meant for another process (WATCHDOG_PID differs) is not ours to feed.
     * The watchdog pings run on {@code housekeeping}, the composition root's, which closes it;
     * the scheduler's {@code heartbeats} must move between two pings.
     */
    public static SystemdNotifier fromEnvironment(Map<String, String> env, long pid, CheckResults results,
                                                  LongSupplier heartbeats, ScheduledExecutorService housekeeping) {
        String spec = env.getOrDefault("NOTIFY_SOCKET", "");
        if (spec.isEmpty()) {
            return new SystemdNotifier(Optional.empty(), Optional.empty(), results, heartbeats, housekeeping);
        }
        Optional<NotifySocket> socket;
        try {
            socket = Optional.of(NotifySocket.at(spec));
        } catch (IOException | RuntimeException e) {
            LOG.warn("NOTIFY_SOCKET={} is unusable ({}); not notifying systemd", spec, e.getClass().getSimpleName());
            return new SystemdNotifier(Optional.empty(), Optional.empty(), results, heartbeats, housekeeping);
        }
        return new SystemdNotifier(socket, pingInterval(env, pid), results, heartbeats, housekeeping);
    }

    /** Half of WATCHDOG_USEC, as sd_watchdog_enabled(3) advises, so one late ping is not fatal. */
    static Optional<Duration> pingInterval(Map<String, String> env, long pid) {
        String usec = env.getOrDefault("WATCHDOG_USEC", "");
        String forPid = env.getOrDefault("WATCHDOG_PID", "");
        if (usec.isEmpty() || (!forPid.isEmpty() && !forPid.equals(Long.toString(pid)))) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(usec);
            return micros > 0 ? Optional.of(Duration.of(micros / 2, ChronoUnit.MICROS)) : Optional.empty();
        } catch (NumberFormatException e) {
            LOG.warn("WATCHDOG_USEC={} is not a number of microseconds; not feeding the watchdog", usec);
            return Optional.empty();
        }
    }

    public boolean enabled() {
        return socket.isPresent();
    }

    /** The HTTP server listens and the first round is under way; the watchdog starts now. */
    public synchronized void ready() {
        if (socket.isEmpty()) {
            return;
        }
        send("READY=1\nSTATUS=" + statusLine());
        if (pingEvery.isPresent() && pinger == null) {
            Watchdog watchdog = new Watchdog(heartbeats);
            long millis = Math.max(1, pingEvery.get().toMillis());
            pinger = housekeeping.scheduleAtFixedRate(() -> ping(watchdog), millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** One watchdog period: ping only if the results showed life since the last one. */
    void ping(Watchdog watchdog) {
        if (watchdog.alive()) {
            send("WATCHDOG=1");
        } else {
            LOG.error("the check results showed no heartbeat for {}; not pinging the systemd watchdog, "
                    + "so systemd restarts credwatch", pingEvery.orElse(Duration.ZERO));
        }
    }

    /** Synchronized like every STATUS sender, so that a stale line never lands after a newer one. */
    @Override
    public synchronized void onStatusChange(StatusChange change) {
        if (socket.isPresent()) {
            send("STATUS=" + statusLine());
        }
    }

    /**
     * systemd keeps the unit "reloading" until the next READY=1. MONOTONIC_USEC is what systemd
     * 253+ expects with it; HotSpot's nanoTime is CLOCK_MONOTONIC on Linux, the clock it means.
     */
    public synchronized void reloading() {
        if (socket.isPresent()) {
            send("RELOADING=1\nMONOTONIC_USEC=" + System.nanoTime() / 1000 + "\nSTATUS=reloading the configuration");
        }
    }

    /**
     * After a reload: accepted (empty), or refused with the previous configuration still
     * running. The refusal stays on the status line until a reload is accepted.
     */
    public synchronized void reloaded(Optional<String> refusal) {
        note = refusal.map(r -> "; last " + r + PREVIOUS_RUNNING).orElse("");
        if (socket.isPresent()) {
            send("READY=1\nSTATUS=" + statusLine());
        }
    }

    /** Stops the watchdog pings too: systemd does not watch a unit that is deactivating. */
    public synchronized void stopping() {
        if (pinger != null) {
            pinger.cancel(false);
            pinger = null;
        }
        if (socket.isPresent()) {
            send("STOPPING=1\nSTATUS=stopping");
        }
    }

    private String statusLine() {
        return StatusLine.of(results.ids().size(), results.latest()) + note;
    }

    /** Never throws: systemd not listening must not stop a check or a shutdown. */
    private void send(String message) {
        try {
            socket.orElseThrow().send(message);
        } catch (IOException | RuntimeException e) {
            if (!failedBefore) {
                failedBefore = true;
                LOG.warn("cannot notify systemd at {} ({}); later failures are logged at debug",
                        socket.orElseThrow(), e.getClass().getSimpleName());
            } else {
                LOG.debug("cannot notify systemd: {}", e.getClass().getSimpleName());
            }
        }
    }
}
