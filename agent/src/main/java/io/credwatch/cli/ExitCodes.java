package io.credwatch.cli;

/** sysexits(3) codes the launcher and systemd rely on; check results use the monitoring-plugin 0-3. */
final class ExitCodes {
    static final int OK = 0;
    /** {@code scan}: plaintext secrets found, as CRITICAL is for {@code check}. */
    static final int FINDINGS = 2;
    /** EX_USAGE */
    static final int USAGE = 64;
    /** EX_SOFTWARE */
    static final int SOFTWARE = 70;
    /** EX_CONFIG: systemd's RestartPreventExitStatus=78 stops a crash loop on a bad config. */
    static final int CONFIG = 78;

    private ExitCodes() {
    }
}
