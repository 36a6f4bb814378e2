package io.credwatch.cli;

import io.credwatch.config.CredwatchConfig;
import io.credwatch.http.CannotListen;

/**
 * Why the daemon could not start, as the line the journal gets and the exit code. The line is
 * safe to log: it names the setting to change and the system's reason, never a request's text
 * or an exception's message.
 */
record StartFailure(String description, int exitCode) {

    static StartFailure of(Exception e, CredwatchConfig config) {
        if (e instanceof CannotListen cannotListen) {
            // A restart would meet the same address and port: EX_CONFIG, which systemd does not restart.
            return new StartFailure(describe(cannotListen, config), ExitCodes.CONFIG);
        }
        return new StartFailure(describe(e), ExitCodes.SOFTWARE);
    }

    /** Which setting to change, from the system's reason. */
    private static String describe(CannotListen e, CredwatchConfig config) {
        return switch (e.reason()) {
            case PORT_IN_USE -> "http.port: " + e.port() + " on " + e.address() + " is in use (" + e.systemReason()
                    + "); is another credwatch running? Stop it, or choose another http.port";
            case ADDRESS_NOT_LOCAL -> "http.bind: " + config.http().bind() + " is not an address of this host ("
                    + e.systemReason() + "); use 127.0.0.1 or an address one of its interfaces has";
            case PORT_NOT_PERMITTED -> "http.port: " + e.port() + " needs a privilege credwatch does not have ("
                    + e.systemReason() + "); use a port above 1023";
            case ADDRESS_FAMILY_UNAVAILABLE -> "http.bind: this JVM cannot listen on " + config.http().bind()
                    + ", an IPv6 address, as it runs IPv4 only; use 127.0.0.1 or an IPv4 address of this host";
            case OTHER -> "http.bind, http.port: cannot listen on " + e.address() + ":" + e.port() + " ("
                    + e.systemReason() + ")";
        };
    }

    /** The failure without its message, which might echo input. */
    private static String describe(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getName();
    }
}
