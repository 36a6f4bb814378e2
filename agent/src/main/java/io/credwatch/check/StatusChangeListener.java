package io.credwatch.check;

/** Faces (JMX, alerts, logs, systemd) subscribe here; called on the scheduler's threads, so be quick. */
@FunctionalInterface
public interface StatusChangeListener {
    void onStatusChange(StatusChange change);
}
