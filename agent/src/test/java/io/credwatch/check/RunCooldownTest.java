package io.credwatch.check;

import io.credwatch.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RunCooldownTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final RunCooldown cooldown = new RunCooldown(clock, Duration.ofSeconds(30));

    @Nested
    class Acquiring {

        @Test
        void theFirstRunOfACheckIsAllowed() {
            assertTrue(cooldown.tryAcquire("a").isEmpty());
        }

        @Test
        void aRepeatWithinTheCooldownGetsTheTimeLeft() {
            cooldown.tryAcquire("a");
            clock.advance(Duration.ofSeconds(12));

            assertEquals(Optional.of(Duration.ofSeconds(18)), cooldown.tryAcquire("a"));
        }

        @Test
        void aRefusedAttemptDoesNotRestartTheCooldown() {
            cooldown.tryAcquire("a");
            clock.advance(Duration.ofSeconds(20));
            cooldown.tryAcquire("a");
            clock.advance(Duration.ofSeconds(10));

            assertTrue(cooldown.tryAcquire("a").isEmpty());
        }

        @Test
        void exactlyAtTheEndOfTheCooldownTheRunIsAllowed() {
            cooldown.tryAcquire("a");
            clock.advance(Duration.ofSeconds(30));

            assertTrue(cooldown.tryAcquire("a").isEmpty());
        }

        @Test
        void eachCheckHasItsOwnCooldown() {
            cooldown.tryAcquire("a");

            assertTrue(cooldown.tryAcquire("b").isEmpty());
        }

        @Test
        void aZeroCooldownNeverRefuses() {
            RunCooldown none = new RunCooldown(clock, Duration.ZERO);
            none.tryAcquire("a");

            assertTrue(none.tryAcquire("a").isEmpty());
        }
    }

    @Test
    void aNegativeCooldownIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RunCooldown(clock, Duration.ofSeconds(-1)));
    }
}
