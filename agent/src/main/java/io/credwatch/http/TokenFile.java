package io.credwatch.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token of {@code http.tokenFile}, read on each guarded request so that a rotated
 * file applies at once. No file configured: no token asked. A file that is empty or cannot be
 * read fails closed: a token nobody holds, so no request is let through by accident.
 */
public final class TokenFile implements Supplier<Optional<String>> {

    private static final Logger LOG = LoggerFactory.getLogger(TokenFile.class);

    private final Supplier<String> path;

    /** @param path the configured {@code http.tokenFile}, read on each use so a reload applies; blank: none */
    public TokenFile(Supplier<String> path) {
        this.path = path;
    }

    @Override
    public Optional<String> get() {
        String file = path.get();
        if (file.isBlank()) {
            return Optional.empty();
        }
        try {
            String token = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            if (!token.isEmpty()) {
                return Optional.of(token);
            }
            LOG.warn("http.tokenFile {} is empty; refusing every authenticated request", file);
        } catch (IOException e) {
            LOG.warn("http.tokenFile {} cannot be read ({}); refusing every authenticated request", file,
                    e.getClass().getSimpleName());
        }
        return Optional.of(UUID.randomUUID().toString() + UUID.randomUUID());
    }
}
