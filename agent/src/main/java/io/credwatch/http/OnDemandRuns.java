package io.credwatch.http;

import io.credwatch.check.Check;
import io.credwatch.check.CheckReport;
import io.credwatch.check.CheckScheduler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a check because someone asked: an unknown id is 404, a repeat within the cooldown is
 * 429, otherwise the scheduler runs it (or joins the run under way) and the new report is
 * the answer.
 */
final class OnDemandRuns {

    /**
     * The scheduler answers TIMEOUT at the check's own timeout; this margin only covers its
     * bookkeeping, so a request never waits forever on a scheduler that is stopping.
     */
    static final Duration GRACE = Duration.ofSeconds(5);

    private final CheckScheduler scheduler;
    private final RunCooldown cooldown;

    OnDemandRuns(CheckScheduler scheduler, RunCooldown cooldown) {
        this.scheduler = scheduler;
        this.cooldown = cooldown;
    }

    CheckReport run(String id) {
        Check check = scheduler.check(id).orElseThrow(() -> ApiException.of(404, "unknown check"));
        Optional<Duration> wait = cooldown.tryAcquire(id);
        if (wait.isPresent()) {
            throw ApiException.withHeader(429, "this check was run on demand too recently", "Retry-After",
                    Long.toString(retryAfterSeconds(wait.get())));
        }
        try {
            return scheduler.runNow(id).get(check.timeout().plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw ApiException.of(504, "the run did not finish in time");
        } catch (InterruptedException e) {
            // Jetty interrupts its threads when it stops; the run itself carries on in the scheduler.
            Thread.currentThread().interrupt();
            throw ApiException.of(503, "credwatch is stopping");
        } catch (ExecutionException e) {
            // The scheduler turns a check's own failures into reports; this is the scheduler
            // refusing, e.g. while it stops.
            throw ApiException.of(503, "the check could not be run");
        }
    }

    /** Retry-After takes whole seconds (RFC 9110 section 10.2.3); round up so a retry is never early. */
    static long retryAfterSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
