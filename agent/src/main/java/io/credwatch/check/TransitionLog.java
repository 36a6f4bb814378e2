package io.credwatch.check;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes each change of a reported status to the log once, at the priority of the new status. */
public final class TransitionLog implements StatusChangeListener {

    private static final Logger LOG = LoggerFactory.getLogger(TransitionLog.class);

    @Override
    public void onStatusChange(StatusChange change) {
        CheckReport now = change.current();
        String from = change.previous() == null ? "(first run)" : change.previous().status().name();
        String line = "{}: {} -> {} [{}] {}{}";
        Object[] args = {now.id(), from, now.status(), now.category(), now.summary(),
                now.remediation().isEmpty() ? "" : " | fix: " + now.remediation()};
        switch (now.status()) {
            case CRITICAL -> LOG.error(line, args);
            case WARN, UNKNOWN -> LOG.warn(line, args);
            case OK -> LOG.info(line, args);
        }
    }
}
