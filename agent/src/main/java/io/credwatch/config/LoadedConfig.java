package io.credwatch.config;

import java.nio.file.Path;
import java.util.Optional;

/** A valid configuration and the file it came from (empty: the built-in defaults). */
public record LoadedConfig(CredwatchConfig config, Optional<Path> file) {

    public String describeSource() {
        return file.map(Path::toString).orElse("(built-in defaults)");
    }
}
