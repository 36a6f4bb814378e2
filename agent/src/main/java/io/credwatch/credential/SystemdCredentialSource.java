package io.credwatch.credential;

import io.credwatch.config.Environment;
import io.credwatch.config.SourceEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A credential systemd hands the service through {@code LoadCredential=}: the files
 * {@code $CREDENTIALS_DIRECTORY/<name>.key}, {@code .secret} (and {@code .passphrase}).
 * See systemd.exec(5), "Credentials".
 */
public final class SystemdCredentialSource implements CredentialSource {

    public static final String DIRECTORY_VARIABLE = "CREDENTIALS_DIRECTORY";
    private static final List<String> SUFFIXES = List.of(".key", ".secret", ".passphrase");

    private final String credential;
    private final int parts;
    private final Map<String, String> env;

    /**
     * @param parts 2 for key and secret, 3 with a passphrase
     * @param env   the process environment, where systemd sets {@code CREDENTIALS_DIRECTORY}
     */
    public SystemdCredentialSource(String credential, int parts, Map<String, String> env) {
        this.credential = credential;
        this.parts = parts;
        this.env = env;
    }

    @Override
    public String name() {
        return "systemdCredential " + credential;
    }

    @Override
    public SourceAttempt look(Instant deadline) {
        String directory = env.get(DIRECTORY_VARIABLE);
        if (directory == null || directory.isBlank()) {
            return SourceAttempt.empty(name(),
                    DIRECTORY_VARIABLE + " is not set: the service was not started with LoadCredential=");
        }
        List<String> labels = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String suffix : SUFFIXES.subList(0, parts)) {
            Path file = Path.of(directory.strip(), credential + suffix);
            labels.add(file.toString());
            try {
                values.add(Files.readString(file));
            } catch (NoSuchFileException e) {
                values.add(null);
            } catch (IOException e) {
                return SourceAttempt.failed(name(), "cannot read " + file + ": " + e.getClass().getSimpleName());
            }
        }
        return CredentialParts.judge(name(), labels, values, CredentialParts.FILES);
    }

    /**
     * Unknown: systemd writes credwatch's copy afresh each time credwatch starts (its time is
     * credwatch's start, not the rotation's), and the file {@code LoadCredential=} names is not
     * visible from the service.
     */
    @Override
    public SourceChange lastChange(Instant deadline) {
        return SourceChange.unknown("the systemd credential " + credential, "credwatch's copy is written when "
                + "credwatch starts; when the file LoadCredential= names changed is not visible here");
    }

    @Override
    public Optional<Environment> environmentNamed() {
        return SourceEnvironment.ofName(credential);
    }
}
