package io.credwatch.egress;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the egress check knows of the IP and its changes. Held in memory, where it is the truth;
 * the state file is its copy, saved whenever the disk takes it. The file is read once, on first
 * use, so that a change is still known after a restart, and never again: while saves fail it
 * holds an older IP, and reading it back would make one change a new one on every run
 * (issue 21). Built by the composition root and kept across reloads, which rebuild the check.
 */
public final class EgressMemory {

    private final EgressStateStore store;
    private boolean read;
    private boolean observed;
    private EgressStateStore.Loaded.Kind found;
    private EgressState state;
    /** A corrupt or unreadable file that no save has replaced yet. */
    private String fileProblem;
    /** Why the latest save failed; null once one worked. */
    private String saveProblem;

    public EgressMemory(EgressStateStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The directory the copy is saved in. */
    public Path stateDir() {
        return store.file().getParent();
    }

    /**
     * What is known, for a run in which no source answered and for the view before any run.
     *
     * @param problem what keeps the file from matching memory, or null
     */
    public record Known(EgressState state, String problem) {
        public Optional<EgressState> value() {
            return Optional.ofNullable(state);
        }
    }

    /**
     * What recording one sighting led to.
     *
     * @param notes    facts about the state for {@code details.state}, problems included
     * @param problems only the problems: the file is not what memory holds
     */
    public record Recorded(EgressState state, List<String> notes, List<String> problems) {
        public Recorded {
            notes = List.copyOf(notes);
            problems = List.copyOf(problems);
        }

        /** The change that led to the current IP, if it came less than {@code window} before {@code now}. */
        public Optional<EgressState.Change> changeWithin(Duration window, Instant now) {
            return state.lastChange().filter(c -> now.isBefore(c.at().plus(window)));
        }
    }

    public synchronized Known known() {
        readOnce();
        List<String> problems = new ArrayList<>();
        Optional.ofNullable(fileProblem).ifPresent(problems::add);
        Optional.ofNullable(saveProblem).ifPresent(problems::add);
        return new Known(state, problems.isEmpty() ? null : String.join("; ", problems));
    }

    /**
     * Records that {@code ip} was seen at {@code now} and, when {@code persistent}, saves a copy.
     * A one-shot run never writes: the daemon's file is not its to change.
     */
    public synchronized Recorded record(String ip, Instant now, boolean persistent) {
        readOnce();
        boolean firstSighting = !observed;
        observed = true;
        state = state == null ? EgressState.first(ip, now) : state.observe(ip, now);

        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (firstSighting && found == EgressStateStore.Loaded.Kind.MISSING) {
            notes.add("first run: no state file yet");
        }
        if (persistent) {
            if (found == EgressStateStore.Loaded.Kind.CORRUPT && fileProblem != null) {
                store.setAsideCorrupt().ifPresent(problems::add);
            }
            saveProblem = store.save(state).orElse(null);
        }
        if (fileProblem != null) {
            boolean replaced = persistent && saveProblem == null;
            problems.add(0, fileProblem + (replaced ? "; replaced" : ""));
            if (replaced) {
                fileProblem = null;
            }
        }
        if (persistent && saveProblem != null) {
            problems.add(saveProblem);
        }
        if (!persistent) {
            notes.add("read only: a one-shot run does not save state");
        }
        notes.addAll(problems);
        return new Recorded(state, notes, problems);
    }

    private void readOnce() {
        if (read) {
            return;
        }
        read = true;
        EgressStateStore.Loaded loaded = store.load();
        found = loaded.kind();
        state = loaded.state();
        fileProblem = loaded.problem();
    }
}
