package io.credwatch.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class JitterTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void standardJitterStaysWithinATenthOfTheIntervalAndSpreads() {
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            Duration d = Jitter.standard().next(MINUTE);
            assertTrue(d.compareTo(Duration.ofSeconds(54)) >= 0 && d.compareTo(Duration.ofSeconds(66)) <= 0, d::toString);
            seen.add(d);
        }
        assertTrue(seen.size() > 900, "a thousand delays, " + seen.size() + " different");
    }

    @Test
    void noJitterIsTheIntervalItself() {
        assertEquals(MINUTE, Jitter.none().next(MINUTE));
    }

    @Test
    void oneJitterServesManyThreadsEachWithItsOwnDraws() throws Exception {
        Jitter shared = Jitter.standard();
        Set<Duration> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        seen.add(shared.next(MINUTE));
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(seen.size() > 1_800, "2 000 delays over 4 threads, " + seen.size() + " different");
    }
}
