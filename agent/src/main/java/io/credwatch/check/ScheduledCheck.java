package io.credwatch.check;

import java.time.Duration;
import java.util.Objects;

/** A check's identity and schedule, fixed when it is built (a reload builds new checks). */
public abstract class ScheduledCheck implements Check {

    private final String id;
    private final String type;
    private final Duration interval;
    private final Duration timeout;
    private final Tolerance tolerance;

    protected ScheduledCheck(String id, String type, Duration interval, Duration timeout) {
        this(id, type, interval, timeout, Tolerance.DEFAULT);
    }

    protected ScheduledCheck(String id, String type, Duration interval, Duration timeout, Tolerance tolerance) {
        this.id = Objects.requireNonNull(id, "id");
        this.type = Objects.requireNonNull(type, "type");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Duration interval() {
        return interval;
    }

    @Override
    public final Duration timeout() {
        return timeout;
    }

    @Override
    public final Tolerance tolerance() {
        return tolerance;
    }
}
