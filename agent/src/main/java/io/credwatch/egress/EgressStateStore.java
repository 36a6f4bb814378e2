package io.credwatch.egress;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.credwatch.net.IpAddresses;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The egress state file, {@code <stateDir>/egress-ip.json}. Written atomically (a temporary
 * file in the same directory, forced to disk, then renamed over the old one), so a crash or a
 * full disk leaves the previous state, never half of one. Problems are returned as data, never
 * thrown: a monitor must keep answering when its state dir is broken.
 */
public final class EgressStateStore {

    public static final String FILE_NAME = "egress-ip.json";

    private static final Logger LOG = LoggerFactory.getLogger(EgressStateStore.class);

    private final Path dir;
    private final Path file;
    private volatile String lastSaveProblem;
    private volatile boolean leftoversSwept;
    private volatile String lastLoadProblem;

    public EgressStateStore(Path stateDir) {
        this.dir = Objects.requireNonNull(stateDir, "stateDir").toAbsolutePath();
        this.file = dir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** What reading the file found. */
    public record Loaded(Kind kind, EgressState state, String problem) {
        public enum Kind { MISSING, LOADED, CORRUPT, UNREADABLE }

        public Optional<EgressState> value() {
            return Optional.ofNullable(state);
        }
    }

    public Loaded load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Loaded(Loaded.Kind.MISSING, null, null);
        } catch (IOException e) {
            String problem = "state file " + file + " unreadable (" + e.getClass().getSimpleName() + ")";
            warnOnce(problem, "");
            return new Loaded(Loaded.Kind.UNREADABLE, null, problem);
        }
        try {
            EgressState state = EgressStateJson.read(bytes);
            if (state == null || IpAddresses.parse(state.ip()).isEmpty()
                    || state.changes().stream().anyMatch(c -> IpAddresses.parse(c.to()).isEmpty())) {
                return corrupt("holds no valid IP");
            }
            lastLoadProblem = null;
            return new Loaded(Loaded.Kind.LOADED, state, null);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            return corrupt("not a valid egress state (" + e.getClass().getSimpleName() + where + ")");
        } catch (IOException | RuntimeException e) {
            return corrupt("not a valid egress state (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Loaded corrupt(String why) {
        String problem = "state file " + file + " is corrupt: " + why;
        warnOnce(problem, "; the daemon replaces it on its next run");
        return new Loaded(Loaded.Kind.CORRUPT, null, problem);
    }

    /** Once per distinct problem: a broken state dir must not fill the journal every minute. */
    private void warnOnce(String problem, String more) {
        if (!problem.equals(lastLoadProblem)) {
            lastLoadProblem = problem;
            LOG.warn("{}{}", problem, more);
        }
    }

    /**
     * Moves a corrupt file aside to {@code egress-ip.json.corrupt} (the last one only), so the
     * evidence survives its replacement.
     *
     * @return a problem in words, or empty when it worked
     */
    public Optional<String> setAsideCorrupt() {
        try {
            Files.move(file, dir.resolve(FILE_NAME + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
            return Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("corrupt state file not set aside (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Writes the state atomically.
     *
     * @return a problem in words, or empty when the state is on disk
     */
    public Optional<String> save(EgressState state) {
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            sweepLeftovers();
            byte[] bytes = EgressStateJson.write(state);
            tmp = Files.createTempFile(dir, FILE_NAME + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // Only on file systems without rename(2) semantics; a plain replace is the best left.
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            forceDirectory();
            if (lastSaveProblem != null) {
                LOG.info("egress state saved again to {}", file);
                lastSaveProblem = null;
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            String problem = "state not saved to " + file + " (" + e.getClass().getSimpleName() + ")";
            if (!problem.equals(lastSaveProblem)) {
                LOG.warn("{}; the IP change history will not survive a restart until this is fixed", problem);
                lastSaveProblem = problem;
            }
            return Optional.of(problem);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the save already failed and says so
                }
            }
        }
    }

    /**
     * Temporary files of saves a crash (kill -9, power loss) cut short, once per process: the
     * state file itself is whole either way, but the leftovers would pile up in the directory.
     */
    private void sweepLeftovers() {
        if (leftoversSwept) {
            return;
        }
        leftoversSwept = true;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, FILE_NAME + ".*.tmp")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        } catch (IOException e) {
            LOG.debug("leftover temporary state files not removed ({})", e.getClass().getSimpleName());
        }
    }

    /** Makes the rename itself durable (POSIX: fsync the directory); not possible everywhere. */
    private void forceDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // e.g. Windows cannot open a directory; the file itself was forced
        }
    }
}
