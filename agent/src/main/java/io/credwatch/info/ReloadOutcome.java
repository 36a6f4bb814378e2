package io.credwatch.info;

import java.time.Instant;
import java.util.Objects;

/**
 * How a configuration reload (SIGHUP or {@code reloadConfig()}) ended, for the faces that
 * show it: {@code answer} is the line the log got, which says what was loaded or why the
 * new configuration was refused.
 */
public record ReloadOutcome(Instant at, boolean applied, String answer) {

    public ReloadOutcome {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(answer, "answer");
    }
}
