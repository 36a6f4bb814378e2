package io.credwatch.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.Check;
import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckResult;
import io.credwatch.check.Status;
import io.credwatch.http.JsonMapper;
import java.time.Clock;
import java.time.Duration;

/** What every cell of the fault matrix asserts about a check's run, and the line it prints for the report. */
public final class FaultMatrix {

    /** Past the check's own timeout: scheduling, a thread's wake-up, a slow CI machine. */
    public static final Duration SLACK = Duration.ofMillis(500);

    private FaultMatrix() {
    }

    /** A run of a check, with how long it took. */
    public record Timed(CheckResult result, Duration took) {
    }

    /** One run with a deadline {@code timeout} from now, as the scheduler gives it. */
    public static Timed run(Check check, Duration timeout) throws Exception {
        Clock clock = Clock.systemUTC();
        long started = System.nanoTime();
        CheckResult result = check.run(new CheckContext(clock, clock.instant().plus(timeout), false));
        return new Timed(result, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * The run ended within {@code timeout} (plus {@link #SLACK}), its result, details included,
     * quotes nothing the server sent, and nothing read the 50 MB answer to its end.
     */
    public static void assertBoundedAndClean(String dependency, Fault fault, Timed run, Duration timeout,
                                             FaultyServer server) throws Exception {
        String json = JsonMapper.create().writeValueAsString(run.result());
        System.out.printf("matrix %s %s -> %s %s in %d ms: %s%n", dependency, fault, run.result().status(),
                run.result().category(), run.took().toMillis(), run.result().summary());
        assertTrue(run.took().compareTo(timeout.plus(SLACK)) < 0, "took " + run.took() + ": " + run.result());
        assertFalse(json.contains(FaultyServer.GARBAGE_MARKER), json);
        assertTrue(server.bodyBytesSent() < FaultyServer.HUGE_BYTES / 2, "read " + server.bodyBytesSent());
    }

    /** Runs the check and asserts the common verdict: in time, clean, UNKNOWN with the fault's category. */
    public static CheckResult assertUnknownWithTheFaultsCategory(String dependency, Fault fault, Check check,
                                                                 Duration timeout, FaultyServer server)
            throws Exception {
        Timed run = run(check, timeout);
        assertBoundedAndClean(dependency, fault, run, timeout, server);
        assertEquals(Status.UNKNOWN, run.result().status(), run.result()::toString);
        assertEquals(fault.category(), run.result().category(), run.result()::toString);
        return run.result();
    }
}
