package io.credwatch.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the requests the HTTP face refuses for what the client sent: at most one line a minute
 * for each {@link ClientMistake}, with a count of those not logged, and never anything the
 * client sent. Jetty logged each one itself, quoting the bad Host (issue 21): a client could
 * write thousands of lines a second, burying credwatch's own and spending journald's
 * per-service rate limit, past which journald drops lines whatever they say.
 */
final class ClientMistakes {

    static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(ClientMistakes.class);

    /** When a kind was last logged, and how many of it were refused after that without a line. */
    private record Tally(Instant logged, long unlogged) {

        boolean due(Instant now) {
            return !now.isBefore(logged.plus(INTERVAL));
        }
    }

    private final Clock clock;
    /** At most one entry per kind: the same size whatever clients send. */
    private final Map<ClientMistake, Tally> tallies = new EnumMap<>(ClientMistake.class);

    ClientMistakes(Clock clock) {
        this.clock = clock;
    }

    /** Counts one refusal, and logs it unless its kind was logged less than a minute ago. */
    void report(ClientMistake kind) {
        Tally before;
        synchronized (this) {
            Instant now = clock.instant();
            before = tallies.get(kind);
            if (before != null && !before.due(now)) {
                tallies.put(kind, new Tally(before.logged(), before.unlogged() + 1));
                return;
            }
            tallies.put(kind, new Tally(now, 0));
        }
        if (before == null || before.unlogged() == 0) {
            LOG.warn("refused a request with {} [{}]; at most one line a minute for this kind, with a count of the "
                    + "others", kind.description(), kind);
        } else {
            LOG.warn("refused a request with {} [{}]; {} more since {} were not logged", kind.description(), kind,
                    before.unlogged(), before.logged());
        }
    }

    /** Logs the count of each kind last logged a minute ago or more, so that a flood that stops is counted too. */
    void flushDue() {
        flush(true);
    }

    /** Logs every count not logged yet, as the server stops. */
    void flushAll() {
        flush(false);
    }

    private void flush(boolean dueOnly) {
        Map<ClientMistake, Tally> counted = new EnumMap<>(ClientMistake.class);
        synchronized (this) {
            Instant now = clock.instant();
            for (Map.Entry<ClientMistake, Tally> entry : tallies.entrySet()) {
                Tally tally = entry.getValue();
                if (tally.unlogged() > 0 && (!dueOnly || tally.due(now))) {
                    counted.put(entry.getKey(), tally);
                    entry.setValue(new Tally(now, 0));
                }
            }
        }
        counted.forEach((kind, tally) -> LOG.warn("refused {} more requests with {} [{}] since {}, not logged one by one",
                tally.unlogged(), kind.description(), kind, tally.logged()));
    }
}
