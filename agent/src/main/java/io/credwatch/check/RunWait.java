package io.credwatch.check;

import java.time.Duration;

/** How waiting for an on-demand run ended. */
public sealed interface RunWait {

    record Finished(CheckReport report) implements RunWait {
    }

    /** The wait ended first; the run goes on and its report will show. */
    record StillRunning(Duration waited) implements RunWait {
    }

    /** The waiting thread was interrupted (a server stopping); the run goes on. */
    record Interrupted() implements RunWait {
    }

    /** The run could not be started: no such check, or credwatch is stopping. */
    record Refused(String reason) implements RunWait {
    }
}
