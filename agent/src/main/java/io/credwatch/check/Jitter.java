package io.credwatch.check;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Spreads runs so that many hosts (or many accounts on one host) do not hit an exchange or
 * AWS in lock-step: each delay is the interval stretched or shrunk by up to {@code fraction}.
 */
public record Jitter(double fraction, RandomGenerator random) {

    public static final double DEFAULT_FRACTION = 0.1;

    public Jitter {
        if (fraction < 0 || fraction >= 1) {
            throw new IllegalArgumentException("jitter fraction must be in [0, 1): " + fraction);
        }
    }

    public static Jitter standard() {
        return new Jitter(DEFAULT_FRACTION, perThread());
    }

    public static Jitter none() {
        return new Jitter(0, perThread());
    }

    /**
     * Random numbers for any thread: each call draws from the calling thread's own generator.
     * {@link RandomGenerator#getDefault()} would hand every check thread one unsynchronised
     * generator, and finding it walks the JDK's service providers at start.
     */
    public static RandomGenerator perThread() {
        return () -> ThreadLocalRandom.current().nextLong();
    }

    public Duration next(Duration interval) {
        if (fraction == 0) {
            return interval;
        }
        double factor = 1 + fraction * (2 * random.nextDouble() - 1);
        return Duration.ofNanos(Math.round(interval.toNanos() * factor));
    }
}
