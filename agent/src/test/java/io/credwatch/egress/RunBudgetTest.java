package io.credwatch.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RunBudgetTest {

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Nested
    class TheSourcesShare {

        @Test
        void isHalfTheTimeLeftWhenAnElasticLookupFollows() {
            assertEquals(new RunBudget(ms(2000), ms(2200)), RunBudget.of(ms(4000), true));
        }

        @Test
        void isNineTenthsWithoutOne() {
            assertEquals(new RunBudget(ms(3600), ms(3800)), RunBudget.of(ms(4000), false));
        }

        @Test
        void neverPassesTheSourceCap() {
            assertEquals(new RunBudget(RunBudget.SOURCE_CAP, RunBudget.SOURCE_CAP.plus(ms(200))),
                    RunBudget.of(Duration.ofMinutes(1), false));
        }

        @Test
        void theGraceNeverOutlastsTheDeadline() {
            assertEquals(new RunBudget(ms(900), ms(1000)), RunBudget.of(ms(1000), false));
        }

        @Test
        void isNothingOnceTheDeadlineHasPassed() {
            assertEquals(new RunBudget(Duration.ZERO, Duration.ZERO), RunBudget.of(ms(-50), true));
        }
    }

    @Nested
    class TheElasticLookup {

        @Test
        void getsWhatIsLeftUpToItsCap() {
            assertEquals(ms(1500), RunBudget.elasticLookup(ms(1500)));
            assertEquals(RunBudget.ELASTIC_CAP, RunBudget.elasticLookup(Duration.ofMinutes(1)));
        }

        @Test
        void getsNothingOnceTheDeadlineHasPassed() {
            assertEquals(Duration.ZERO, RunBudget.elasticLookup(ms(-1)));
        }
    }
}
