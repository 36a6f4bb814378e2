package io.credwatch.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code sources}: {@code imds} and/or plain-text echo URLs. {@code changeWarnFor}: how long
 * a changed IP stays WARN after the change was seen, so that a change is not a blip between
 * two scrapes.
 */
public record EgressIpCheckConfig(Boolean enabled, Duration interval, Duration timeout, List<String> sources,
                                  List<String> allowlist, Duration changeWarnFor,
                                  Integer raiseAfter, Integer raiseDefinitiveAfter, Integer clearAfter)
        implements FlapCounts {

    public static final String IMDS = "imds";
    public static final List<String> DEFAULT_SOURCES = List.of(IMDS, "https://checkip.amazonaws.com");

    public EgressIpCheckConfig {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofMinutes(1) : interval;
        timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
        sources = sources == null ? DEFAULT_SOURCES : List.copyOf(sources);
        allowlist = allowlist == null ? List.of() : List.copyOf(allowlist);
        changeWarnFor = changeWarnFor == null ? Duration.ofHours(1) : changeWarnFor;
    }

    /** With the flap counts left to their defaults. */
    public EgressIpCheckConfig(Boolean enabled, Duration interval, Duration timeout, List<String> sources,
                               List<String> allowlist, Duration changeWarnFor) {
        this(enabled, interval, timeout, sources, allowlist, changeWarnFor, null, null, null);
    }
}
