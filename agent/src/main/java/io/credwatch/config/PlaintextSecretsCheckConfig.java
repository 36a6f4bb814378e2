package io.credwatch.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code checks.plaintext-secrets}: the scan of {@code credwatch scan}, on a schedule.
 *
 * @param paths  files, directories (walked) or globs ({@code /opt/app/deploy/*.json},
 *               {@code /srv/**}{@code /.env}); relative ones are resolved against the working
 *               directory, so write them absolute. Empty: nothing is scanned and the check is OK.
 * @param ignore accepted findings, each {@code GLOB} (skip matching files) or {@code GLOB#RULE}
 *               (accept that rule's findings in them), as {@code scan --ignore} takes them; see
 *               {@link IgnoreEntry}
 */
public record PlaintextSecretsCheckConfig(Boolean enabled, Duration interval, Duration timeout, List<String> paths,
                                          List<String> ignore,
                                          Integer raiseAfter, Integer raiseDefinitiveAfter, Integer clearAfter)
        implements FlapCounts {
    public PlaintextSecretsCheckConfig {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofHours(1) : interval;
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        paths = paths == null ? List.of() : List.copyOf(paths);
        ignore = ignore == null ? List.of() : List.copyOf(ignore);
    }

    /** With the flap counts left to their defaults. */
    public PlaintextSecretsCheckConfig(Boolean enabled, Duration interval, Duration timeout, List<String> paths,
                                       List<String> ignore) {
        this(enabled, interval, timeout, paths, ignore, null, null, null);
    }
}
