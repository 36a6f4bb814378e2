package io.credwatch.check;

import java.util.List;

/**
 * Faces (JMX, alerts, logs, systemd) subscribe here; called on the checks' own threads, so be
 * quick and never throw.
 */
@FunctionalInterface
public interface StatusChangeListener {

    /** A check's reported status moved (its first run counts, from nothing). */
    void onStatusChange(StatusChange change);

    /**
     * A reload replaced the set of checks; {@code ids} is the new set in order. A face adds
     * and drops what it shows per check, and keeps everything else.
     */
    default void onChecksReplaced(List<String> ids) {
    }
}
