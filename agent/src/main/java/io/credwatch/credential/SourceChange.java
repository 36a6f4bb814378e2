package io.credwatch.credential;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When what a credential source holds last changed, as far as it can tell without reading a
 * value (a file's times, Secrets Manager's metadata), or why it cannot tell.
 *
 * @param what    the place in the operator's words: {@code the env file /etc/mm-bot/bybit.env}
 * @param at      when it last changed; empty when the source cannot tell
 * @param unknown why it cannot tell; empty when {@code at} is known
 */
public record SourceChange(String what, Optional<Instant> at, String unknown) {

    public SourceChange {
        Objects.requireNonNull(what, "what");
        at = at == null ? Optional.empty() : at;
        unknown = unknown == null ? "" : unknown;
    }

    public static SourceChange at(String what, Instant at) {
        return new SourceChange(what, Optional.of(at), "");
    }

    public static SourceChange unknown(String what, String why) {
        return new SourceChange(what, Optional.empty(), why);
    }
}
