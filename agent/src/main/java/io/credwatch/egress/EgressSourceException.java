package io.credwatch.egress;

import io.credwatch.check.Category;

/**
 * Why a source gave no IP. The message is written by credwatch from a status code, an
 * exception's class or an AWS error code, never copied from a client's exception message,
 * which can echo a request.
 */
public final class EgressSourceException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Category category;

    public EgressSourceException(Category category, String safeMessage) {
        super(safeMessage, null, false, false);
        this.category = category;
    }

    /** {@code UNAVAILABLE}, {@code TIMEOUT} or {@code BAD_RESPONSE}. */
    public Category category() {
        return category;
    }
}
