package io.credwatch.http;

import java.io.IOException;
import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;

/**
 * The HTTP API could not listen on its address and port, and why, as data: the caller knows
 * which settings those were and words it for the operator. The message holds only the
 * address, the port and the system's reason, never anything a request sent.
 */
public final class CannotListen extends IOException {

    public enum Reason {
        /** Another process listens there (EADDRINUSE). */
        PORT_IN_USE,
        /** No interface of this host has the address (EADDRNOTAVAIL), or the name does not resolve. */
        ADDRESS_NOT_LOCAL,
        /** A port below 1024 without the privilege (EACCES). */
        PORT_NOT_PERMITTED,
        /** An IPv6 address in a JVM started IPv4 only. */
        ADDRESS_FAMILY_UNAVAILABLE,
        OTHER
    }

    private final String address;
    private final int port;
    private final Reason reason;
    private final String systemReason;

    CannotListen(String address, int port, Throwable failure) {
        super(null, failure);
        Throwable root = rootCause(failure);
        this.address = address;
        this.port = port;
        this.reason = classify(root);
        this.systemReason = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    public Reason reason() {
        return reason;
    }

    /** The operating system's words ("Address already in use"), or the failure's kind when it gave none. */
    public String systemReason() {
        return systemReason;
    }

    @Override
    public String getMessage() {
        return "cannot listen on " + address + ":" + port + " (" + systemReason + ")";
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The JDK gives the errno only as strerror's text: these are Linux's and the JDK's own. */
    private static Reason classify(Throwable cause) {
        if (cause instanceof UnsupportedAddressTypeException) {
            return Reason.ADDRESS_FAMILY_UNAVAILABLE;
        }
        if (cause instanceof UnresolvedAddressException) {
            return Reason.ADDRESS_NOT_LOCAL;
        }
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof BindException) {
            if (message.contains("in use")) {
                return Reason.PORT_IN_USE;
            }
            if (message.contains("assign requested address")) {
                return Reason.ADDRESS_NOT_LOCAL;
            }
            if (message.contains("Permission denied")) {
                return Reason.PORT_NOT_PERMITTED;
            }
        }
        return Reason.OTHER;
    }
}
