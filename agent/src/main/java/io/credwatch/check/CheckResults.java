package io.credwatch.check;

import java.util.List;
import java.util.Optional;

/**
 * The one read-only view the faces (HTTP, JMX, metrics, alerts, systemd) have of the checks:
 * what is configured, the latest report of each (already marked STALE when no run has
 * finished for too long), recent history, and transitions to listen to.
 */
public interface CheckResults {

    /** The configured checks' ids, in configuration order. */
    List<String> ids();

    Optional<CheckInfo> info(String id);

    /** The latest report of every check that has one, in configuration order. */
    List<CheckReport> latest();

    Optional<CheckReport> latest(String id);

    /** Newest first; one report per finished run. */
    List<CheckReport> history(String id);

    Optional<CheckStats> stats(String id);

    /** True once every check has finished at least once. */
    boolean ready();

    void addListener(StatusChangeListener listener);

    void removeListener(StatusChangeListener listener);
}
