package io.credwatch.check;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Running checks because someone asked (HTTP, JMX, {@code credwatch check}), not on schedule. */
public interface CheckRuns {

    /**
     * Runs the check now, unless a run is already under way, in which case that run's report is
     * the answer: two runs of one check never overlap. Before the latest report's
     * {@code retryAt} nothing runs and that report is the answer. Fails for an unknown id.
     */
    CompletableFuture<CheckReport> runNow(String id);

    List<CompletableFuture<CheckReport>> runAll();

    /**
     * Runs the check now and waits for its report, at most its timeout plus {@code grace}: the
     * runner answers TIMEOUT at the check's own timeout, so the grace only covers bookkeeping
     * and a runner that is stopping.
     */
    RunWait runAndWait(String id, Duration grace);
}
