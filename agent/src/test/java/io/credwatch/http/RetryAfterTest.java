package io.credwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Retry-After in whole seconds, from the cooldown's wait. */
class RetryAfterTest {

    @Test
    void secondsAreRoundedUpSoARetryIsNeverEarly() {
        assertEquals(19, OnDemandRuns.retryAfterSeconds(Duration.ofMillis(18_001)));
        assertEquals(18, OnDemandRuns.retryAfterSeconds(Duration.ofSeconds(18)));
    }

    @Test
    void atLeastOneSecond() {
        assertEquals(1, OnDemandRuns.retryAfterSeconds(Duration.ofMillis(1)));
    }
}
