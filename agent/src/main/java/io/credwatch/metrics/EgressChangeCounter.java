package io.credwatch.metrics;

import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Turns the egress check's recorded changes into a counter that only goes up. The state file
 * keeps the last few changes only, so their number stops growing once it is full; counting
 * each change newer than the last one counted does not. Changes from before this process
 * started are not counted: a counter starts at zero with its process.
 */
public final class EgressChangeCounter implements LongSupplier {

    private final Supplier<List<Instant>> changeTimes;
    private Instant countedUpTo;
    private long count;

    /** @param changeTimes when each recorded change happened, oldest first */
    public EgressChangeCounter(Supplier<List<Instant>> changeTimes, Instant startedAt) {
        this.changeTimes = changeTimes;
        this.countedUpTo = startedAt;
    }

    @Override
    public synchronized long getAsLong() {
        for (Instant at : changeTimes.get()) {
            if (at.isAfter(countedUpTo)) {
                count++;
                countedUpTo = at;
            }
        }
        return count;
    }
}
