package io.credwatch.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An account's signed calls in any hour: never more than its budget, each freeing an hour after it was sent. */
class CallBudgetsTest {

    private static final Instant T0 = Instant.parse("2030-01-02T03:04:05Z");

    private final MutableClock clock = new MutableClock(T0);
    private final CallBudgets budgets = new CallBudgets(clock);

    @Test
    void theBudgetIsASlidingHourEachCallFreeingAnHourAfterItWasSent() {
        CallBudgets.CallBudget budget = budgets.of("bybit-main", 3);
        for (int i = 0; i < 3; i++) {
            assertTrue(budget.take());
            clock.advance(Duration.ofMinutes(10));
        }
        assertFalse(budget.take(), "a fourth in the hour");
        assertEquals(Optional.of(T0.plus(Duration.ofHours(1))), budget.freesAt(1));
        assertEquals(Optional.of(T0.plus(Duration.ofMinutes(70))), budget.freesAt(2), "two need the second to go too");

        clock.advance(Duration.ofMinutes(30)); // T0 + 60m: the first call leaves the window
        assertEquals(Optional.empty(), budget.freesAt(1));
        assertTrue(budget.take());
        assertFalse(budget.take());
        assertEquals(3, budget.used());
    }

    @Test
    void aReloadsNewViewOfTheSameAccountCountsInTheSameWindowWithItsOwnLimit() {
        budgets.of("cryptocom-main", 2).take();
        budgets.of("cryptocom-main", 2).take();

        assertFalse(budgets.of("cryptocom-main", 2).take(), "a reload does not refill the budget");
        assertTrue(budgets.of("cryptocom-main", 3).take(), "a raised budget applies at once");
        assertTrue(budgets.of("bybit-main", 1).take(), "another account has its own");
    }

    @Test
    void aRunNeedingMoreThanTheWholeBudgetNeverFits() {
        assertEquals(Optional.of(Instant.MAX), budgets.of("kucoin-main", 1).freesAt(2));
    }
}
