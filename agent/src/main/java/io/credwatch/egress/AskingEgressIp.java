package io.credwatch.egress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The egress IP for the exchange checks: the egress check's latest decision, or, before it
 * has one (the first round, a one-shot {@code credwatch check --only exchange:…}, the egress
 * check disabled), the sources asked directly. An answer from the sources is kept a short
 * while, so a hundred accounts checked together ask once.
 */
public final class AskingEgressIp implements CurrentEgressIp {

    static final Duration KEEP = Duration.ofSeconds(30);
    static final Duration PER_SOURCE = Duration.ofSeconds(3);

    private final CurrentEgressIp latest;
    private final List<EgressSource> sources;
    private final Clock clock;
    private String asked;
    private Instant askedAt = Instant.MIN;

    /** @param sources asked in order, those that see real traffic (echo services) first */
    public AskingEgressIp(CurrentEgressIp latest, List<EgressSource> sources, Clock clock) {
        this.latest = latest;
        this.sources = sources.stream().sorted(Comparator.comparing(s -> !s.seesTraffic())).toList();
        this.clock = clock;
    }

    @Override
    public Optional<String> current() {
        Optional<String> decided = latest.current();
        return decided.isPresent() ? decided : ask();
    }

    private synchronized Optional<String> ask() {
        Instant now = clock.instant();
        if (Duration.between(askedAt, now).compareTo(KEEP) < 0) {
            return Optional.ofNullable(asked);
        }
        asked = null;
        for (EgressSource source : sources) {
            try {
                asked = source.observe(PER_SOURCE);
                break;
            } catch (EgressSourceException e) {
                // the next source may answer; the egress check reports why this one did not
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        askedAt = clock.instant();
        return Optional.ofNullable(asked);
    }
}
