package io.credwatch.net;

import java.io.IOException;

/** An answer longer than its reader is willing to hold: read up to the limit, then given up on. */
public final class AnswerTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    public AnswerTooLargeException(long limit) {
        super("answer longer than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
