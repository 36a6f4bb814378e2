package io.credwatch.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.CheckResult;
import io.credwatch.http.JsonMapper;
import java.time.Duration;

/** What every cell of the fault matrix asserts about a result, and the line it prints for the report. */
public final class FaultMatrix {

    /** Past the check's own timeout: scheduling, a thread's wake-up, a slow CI machine. */
    public static final Duration SLACK = Duration.ofMillis(500);

    private FaultMatrix() {
    }

    /** A run of a check, with how long it took. */
    public record Timed(CheckResult result, Duration took) {
    }

    public interface Run {
        CheckResult run() throws Exception;
    }

    public static Timed time(Run run) throws Exception {
        long started = System.nanoTime();
        CheckResult result = run.run();
        return new Timed(result, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * The run ended within {@code timeout} (plus {@link #SLACK}) and its result, details
     * included, quotes nothing the faulty server sent.
     */
    public static void assertBoundedAndClean(String dependency, Fault fault, Timed run, Duration timeout)
            throws Exception {
        String json = JsonMapper.create().writeValueAsString(run.result());
        System.out.printf("matrix %s %s -> %s %s in %d ms: %s%n", dependency, fault, run.result().status(),
                run.result().category(), run.took().toMillis(), run.result().summary());
        assertTrue(run.took().compareTo(timeout.plus(SLACK)) < 0, "took " + run.took() + ": " + run.result());
        assertFalse(json.contains(FaultyServer.GARBAGE_MARKER), json);
    }
}
