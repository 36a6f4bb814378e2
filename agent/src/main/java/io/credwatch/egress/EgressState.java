package io.credwatch.egress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What survives a restart: the last egress IP, when it was first and last seen, and the most
 * recent changes, oldest first.
 */
public record EgressState(String ip, Instant firstSeen, Instant lastSeen, List<Change> changes) {

    /** How many changes the state file keeps. */
    public static final int MAX_CHANGES = 20;

    public record Change(String from, String to, Instant at) {
        public Change {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(at, "at");
        }
    }

    public EgressState {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public static EgressState first(String ip, Instant now) {
        return new EgressState(ip, now, now, List.of());
    }

    /** The state after seeing {@code seen} at {@code now}: the same IP seen again, or a change recorded. */
    public EgressState observe(String seen, Instant now) {
        if (seen.equals(ip)) {
            return new EgressState(ip, firstSeen, now, changes);
        }
        List<Change> more = new ArrayList<>(changes);
        more.add(new Change(ip, seen, now));
        while (more.size() > MAX_CHANGES) {
            more.remove(0);
        }
        return new EgressState(seen, now, now, more);
    }

    /** The change that led to the current IP, if it is recorded. */
    public Optional<Change> lastChange() {
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        Change last = changes.get(changes.size() - 1);
        return last.to().equals(ip) ? Optional.of(last) : Optional.empty();
    }
}
