package io.credwatch.check;

import java.time.Instant;

/**
 * Turns one check's runs into its reported verdict under a {@link Tolerance}: an inconclusive
 * run (UNKNOWN) changes nothing until {@code raiseAfter} of them in a row, and the last
 * conclusive verdict is held meanwhile; a definitive WARN or CRITICAL is reported after
 * {@code raiseDefinitiveAfter} (at once by default); a bad verdict clears after
 * {@code clearAfter} OK runs. With nothing reported yet, the first run is reported as it is:
 * there is no better verdict to hold. Not thread-safe: the store calls it under its lock.
 */
final class FlapFilter {

    /** The verdict to report and, when it is held over inconclusive runs, since when they have been. */
    record Verdict(CheckResult reported, Instant inconclusiveSince) {
    }

    private Tolerance tolerance;
    private CheckResult reported;
    private Instant inconclusiveSince;
    private int inconclusive;
    private int definitive;
    private int ok;

    FlapFilter(Tolerance tolerance) {
        this.tolerance = tolerance;
    }

    /** A reload may change the counts; the runs counted so far still count. */
    void retune(Tolerance next) {
        tolerance = next;
    }

    Verdict accept(CheckResult run, Instant startedAt) {
        switch (run.status()) {
            case UNKNOWN -> {
                if (inconclusive++ == 0) {
                    inconclusiveSince = startedAt;
                }
                definitive = 0;
                ok = 0;
                moveIf(run, inconclusive >= tolerance.raiseAfter());
            }
            case WARN, CRITICAL -> {
                definitive++;
                inconclusive = 0;
                ok = 0;
                inconclusiveSince = null;
                moveIf(run, definitive >= tolerance.raiseDefinitiveAfter());
            }
            case OK -> {
                ok++;
                inconclusive = 0;
                definitive = 0;
                inconclusiveSince = null;
                moveIf(run, ok >= tolerance.clearAfter());
            }
        }
        boolean held = reported != run && run.status() == Status.UNKNOWN;
        return new Verdict(reported, held ? inconclusiveSince : null);
    }

    /** A run of the status already reported refreshes it (newer facts); a new status needs its count. */
    private void moveIf(CheckResult run, boolean countReached) {
        if (reported == null || reported.status() == run.status() || countReached) {
            reported = run;
        }
    }
}
