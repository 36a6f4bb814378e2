package io.credwatch.exchange;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The exchange hosts that asked this host to stop for a while (a 429, Binance's 418 ban, an
 * exchange's rate-limit code), and until when. Exchanges limit by IP, so every account on a
 * host waits, not only the one that was told. The composition root owns the one instance,
 * which outlives reloads: a host that stays configured stays paused. It has no timer: a pause
 * is read when a request is about to go, and forgotten once it can no longer lengthen the next.
 *
 * <p>With no hint from the exchange, the pause is {@link #FIRST_PAUSE}, doubled for each limit
 * met again soon after the last pause ended, up to {@link #LONGEST_GUESS}. A hint (Retry-After,
 * "banned until") is honoured up to {@link #LONGEST_HINT}, Binance's longest ban, so a garbled
 * one cannot silence a host for good.
 */
public final class HostBackoff {

    static final Duration FIRST_PAUSE = Duration.ofMinutes(1);
    static final Duration LONGEST_GUESS = Duration.ofHours(1);
    /** "IP bans are tracked and scale in duration for repeat offenders, from 2 minutes to 3 days" (Binance, LIMITS). */
    static final Duration LONGEST_HINT = Duration.ofDays(3);

    /**
     * @param until  no request to the host before this
     * @param length how long the pause was when it began, for doubling the next
     * @param reason what the exchange answered, e.g. {@code HTTP 429 to GET /api/v3/time}
     */
    public record Pause(Instant until, Duration length, String reason) {
    }

    private final Clock clock;
    private final Map<String, Pause> pauses = new HashMap<>();

    public HostBackoff(Clock clock) {
        this.clock = clock;
    }

    /** How a base URL's host is named here: lower case, with its port only when not the scheme's default. */
    static String hostOf(URI base) {
        String host = base.getHost().toLowerCase(Locale.ROOT);
        int port = base.getPort();
        boolean usual = port == -1 || port == 443 && "https".equalsIgnoreCase(base.getScheme())
                || port == 80 && "http".equalsIgnoreCase(base.getScheme());
        return usual ? host : host + ":" + port;
    }

    /** The pause in force for {@code host} now, if any. */
    public synchronized Optional<Pause> pauseOf(String host) {
        Pause pause = pauses.get(host);
        return pause != null && pause.until().isAfter(clock.instant()) ? Optional.of(pause) : Optional.empty();
    }

    /**
     * The exchange at {@code host} refused for load: pauses it and answers until when.
     *
     * @param hint   when the exchange said to come back, if it did
     * @param floor  the shortest pause this answer calls for (zero: none beyond the usual)
     */
    public synchronized Instant limited(String host, Optional<Instant> hint, Duration floor, String reason) {
        Instant now = clock.instant();
        forgetOld(now);
        Pause last = pauses.get(host);
        Duration length;
        if (hint.isPresent() && hint.get().isAfter(now)) {
            length = min(Duration.between(now, hint.get()), LONGEST_HINT);
        } else if (last != null) {
            // Limited again soon after the last pause ended (forgetOld kept it): the pause was too short.
            length = min(last.length().multipliedBy(2), LONGEST_GUESS);
        } else {
            length = FIRST_PAUSE;
        }
        if (length.compareTo(floor) < 0) {
            length = floor;
        }
        Instant until = now.plus(length);
        if (last != null && last.until().isAfter(until)) {
            // Another account's answer already asked for longer; a shorter hint does not end that.
            until = last.until();
        }
        pauses.put(host, new Pause(until, length, reason));
        return until;
    }

    /** A pause is forgotten once as long again has passed after it ended: a limit met later starts afresh. */
    private void forgetOld(Instant now) {
        pauses.values().removeIf(p -> p.until().plus(p.length()).isBefore(now));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
