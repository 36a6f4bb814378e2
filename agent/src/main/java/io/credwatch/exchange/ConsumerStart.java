package io.credwatch.exchange;

import io.credwatch.config.ConsumerConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What this host shows of one consumer of a key now: its process and when it started, or why
 * there is none to judge.
 *
 * @param pid       the process, 0 unless RUNNING
 * @param startedAt when the process started; present exactly when RUNNING
 * @param note      why it is not running or cannot be told; empty when RUNNING
 */
record ConsumerStart(ConsumerConfig consumer, State state, long pid, Optional<Instant> startedAt, String note) {

    /**
     * How early a start time may read: systemctl prints whole seconds, and the JDK counts a
     * process's start from /proc's boot time, also in whole seconds. A key changed closer than
     * this after a start cannot be ordered against it.
     */
    static final Duration UNCERTAINTY = Duration.ofSeconds(2);

    enum State {
        RUNNING,
        /** Nothing to restart: the unit is stopped or unknown, the pid file is absent or names no live process. */
        NOT_RUNNING,
        /** Could not tell: no systemd, no answer, a process this sandbox cannot see. */
        UNKNOWN
    }

    static ConsumerStart running(ConsumerConfig consumer, long pid, Instant startedAt) {
        return new ConsumerStart(consumer, State.RUNNING, pid, Optional.of(startedAt), "");
    }

    static ConsumerStart notRunning(ConsumerConfig consumer, String why) {
        return new ConsumerStart(consumer, State.NOT_RUNNING, 0, Optional.empty(), why);
    }

    static ConsumerStart unknown(ConsumerConfig consumer, String why) {
        return new ConsumerStart(consumer, State.UNKNOWN, 0, Optional.empty(), why);
    }

    /** Whether this process started before {@code changed}, beyond doubt. */
    boolean startedBefore(Instant changed) {
        return startedAt.map(at -> changed.isAfter(at.plus(UNCERTAINTY))).orElse(false);
    }

    /** What the operator restarts: {@code mm-bot.service}, or {@code process 4242 (pid file /run/mm-bot.pid)}. */
    String named() {
        return consumer.isUnit() ? consumer.service() : "process " + pid + " (" + consumer.label() + ")";
    }

    Map<String, Object> shown() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("consumer", consumer.label());
        m.put("state", state.name());
        if (state == State.RUNNING) {
            m.put("pid", pid);
            m.put("startedAt", startedAt.orElseThrow().truncatedTo(ChronoUnit.SECONDS).toString());
        } else {
            m.put("note", note);
        }
        return m;
    }
}
