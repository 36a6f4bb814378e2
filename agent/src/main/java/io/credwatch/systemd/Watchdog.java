package io.credwatch.systemd;

import java.util.function.LongSupplier;

/**
 * Decides each watchdog period whether to ping: only when the scheduler's heartbeat moved since
 * the last period. A process that is alive but whose scheduler is wedged then stops pinging,
 * and systemd restarts it ({@code WatchdogSec=}).
 */
final class Watchdog {

    private final LongSupplier heartbeat;
    private long lastSeen;

    Watchdog(LongSupplier heartbeat) {
        this.heartbeat = heartbeat;
        this.lastSeen = heartbeat.getAsLong();
    }

    /** True when the heartbeat advanced since the previous call (or since construction). */
    synchronized boolean alive() {
        long now = heartbeat.getAsLong();
        boolean moved = now != lastSeen;
        lastSeen = now;
        return moved;
    }
}
