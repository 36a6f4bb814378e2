package io.credwatch.http;

import io.credwatch.check.CheckReport;
import io.credwatch.check.CheckResults;
import io.credwatch.check.CheckRuns;
import io.credwatch.check.RunCooldown;
import io.credwatch.check.RunWait;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs a check because someone asked: an unknown id is 404, a repeat within the cooldown is
 * 429, otherwise the check runs now (or the run under way is joined) and the new report is
 * the answer.
 */
final class OnDemandRuns {

    /**
     * The runner answers TIMEOUT at the check's own timeout; this margin only covers its
     * bookkeeping, so a request never waits forever on a runner that is stopping.
     */
    static final Duration GRACE = Duration.ofSeconds(5);

    private final CheckResults results;
    private final CheckRuns runs;
    private final RunCooldown cooldown;

    OnDemandRuns(CheckResults results, CheckRuns runs, RunCooldown cooldown) {
        this.results = results;
        this.runs = runs;
        this.cooldown = cooldown;
    }

    CheckReport run(String id) {
        results.info(id).orElseThrow(() -> ApiException.of(404, "unknown check"));
        Optional<Duration> wait = cooldown.tryAcquire(id);
        if (wait.isPresent()) {
            throw ApiException.withHeader(429, "this check was run on demand too recently", "Retry-After",
                    Long.toString(retryAfterSeconds(wait.get())));
        }
        RunWait outcome = runs.runAndWait(id, GRACE);
        if (outcome instanceof RunWait.Finished finished) {
            return finished.report();
        }
        if (outcome instanceof RunWait.StillRunning) {
            throw ApiException.of(504, "the run did not finish in time");
        }
        if (outcome instanceof RunWait.Interrupted) {
            // Jetty interrupts its threads when it stops; the run itself carries on.
            Thread.currentThread().interrupt();
            throw ApiException.of(503, "credwatch is stopping");
        }
        // The runner turns a check's own failures into reports; this is the runner refusing.
        throw ApiException.of(503, "the check could not be run");
    }

    /** Retry-After takes whole seconds (RFC 9110 section 10.2.3); round up so a retry is never early. */
    static long retryAfterSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
