package io.credwatch.testing;

import io.credwatch.check.Category;

/** The ways an outside dependency fails on the wire, as {@link FaultyServer} plays them. */
public enum Fault {
    /** Accepts and reads the request, then never answers. */
    HANG,
    /** Reads the request, then resets the connection (an RST, not a FIN). */
    RESET,
    /**
     * A 200 whose status line and headers come at once and whose body crawls, one byte every
     * 200 ms: a per-read socket timeout never fires, and a timeout that only covers the wait
     * for the headers is already satisfied.
     */
    DRIP,
    /** Bytes that are not HTTP at all, then the connection closes. */
    GARBAGE,
    /** 503 with a small JSON body. */
    STATUS_5XX,
    /** A 200 declaring 50 MB of JSON and streaming it for as long as the client reads. */
    HUGE,
    /** TLS with a self-signed certificate nobody trusts: the client's handshake must fail. */
    TLS;

    /**
     * What a check must call it: no answer in time, an answer that is not the service's (a
     * page, a stream, not HTTP), or the service down or out of reach (a 5xx, a reset, a TLS
     * failure, which no retry on this side fixes but which says nothing about a credential).
     */
    public Category category() {
        return switch (this) {
            case HANG, DRIP -> Category.TIMEOUT;
            case GARBAGE, HUGE -> Category.BAD_RESPONSE;
            case RESET, STATUS_5XX, TLS -> Category.UNAVAILABLE;
        };
    }
}
