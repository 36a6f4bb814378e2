package io.credwatch.http;

import io.credwatch.check.RunCooldown;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How the HTTP API listens and guards itself.
 *
 * @param bind        the one address to listen on (SPEC default {@code 127.0.0.1}); never every interface
 * @param port        the port; 0 picks a free one (tests)
 * @param bearerToken asked on every guarded request, so a rotated token applies without a restart;
 *                    empty means no token is configured. It should throw, not answer empty, when a
 *                    configured token cannot be read, so a broken token file fails closed.
 * @param runCooldown spaces on-demand runs of one check; the root shares it with JMX {@code runNow()}
 */
public record HttpSettings(String bind, int port, Supplier<Optional<String>> bearerToken, RunCooldown runCooldown) {

    public HttpSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(bearerToken, "bearerToken");
        Objects.requireNonNull(runCooldown, "runCooldown");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
