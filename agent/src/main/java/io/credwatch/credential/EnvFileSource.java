package io.credwatch.credential;

import io.credwatch.config.Environment;
import io.credwatch.config.SourceEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dotenv file the bots load into their environment, read afresh on every look so that a
 * rewritten file is seen at once. It is read as the plaintext scanner reads it.
 */
public final class EnvFileSource implements CredentialSource {

    private final Path file;
    private final List<List<String>> groups;

    /**
     * @param groups the variable groups to look for, in order, each key, secret (and passphrase);
     *               the first complete one wins
     */
    public EnvFileSource(Path file, List<List<String>> groups) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no variable names to look for in " + file);
        }
        this.file = file;
        this.groups = groups.stream().map(List::copyOf).toList();
    }

    @Override
    public String name() {
        return "envFile " + file;
    }

    @Override
    public SourceAttempt look(Instant deadline) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return SourceAttempt.empty(name(), "no such file");
        } catch (IOException e) {
            // The class only: a parse or decoding message can quote the file, and the file holds secrets.
            return SourceAttempt.failed(name(), "cannot read " + file + ": " + e.getClass().getSimpleName());
        }
        Map<String, String> values = new HashMap<>();
        // A name given twice: the shell that loads the file keeps the last.
        DotenvFile.entries(text).forEach(entry -> values.put(entry.name(), entry.value()));
        List<SourceAttempt> misses = new ArrayList<>();
        for (List<String> group : groups) {
            SourceAttempt attempt = CredentialParts.judge(name(), group, group.stream().map(values::get).toList(),
                    CredentialParts.VARIABLES);
            if (attempt.outcome() == SourceAttempt.Outcome.FOUND) {
                return SourceAttempt.found(name(), group.stream().map(n -> file + ": " + n).toList(),
                        attempt.credentials().orElseThrow());
            }
            misses.add(attempt);
        }
        Optional<SourceAttempt> half = misses.stream()
                .filter(a -> a.outcome() == SourceAttempt.Outcome.INCOMPLETE).findFirst();
        return half.orElseGet(() -> SourceAttempt.empty(name(),
                String.join("; ", misses.stream().map(SourceAttempt::reason).toList())));
    }

    /**
     * The later of the file's modification and status-change times: a deployment that keeps the
     * old modification time ({@code rsync -a}, {@code cp -p}) still writes a new inode or renames
     * one into place, which moves the status-change time.
     */
    @Override
    public SourceChange lastChange(Instant deadline) {
        String what = "the env file " + file;
        Instant modified;
        try {
            modified = Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return SourceChange.unknown(what, "cannot read its times: " + e.getClass().getSimpleName());
        }
        return SourceChange.at(what, statusChanged(file).filter(modified::isBefore).orElse(modified));
    }

    /** Empty on a file system without the unix attribute view. */
    private static Optional<Instant> statusChanged(Path file) {
        try {
            return Files.getAttribute(file, "unix:ctime") instanceof FileTime t ? Optional.of(t.toInstant())
                    : Optional.empty();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Environment> environmentNamed() {
        return SourceEnvironment.ofPath(file);
    }
}
