package io.credwatch.exchange;

import io.credwatch.check.Category;

/**
 * Why a probe step ended without the answer it needed: a refusal with the exchange's code,
 * or a transport or format failure in credwatch's words. Never leaves the probe: it becomes
 * an outcome, its message redacted there.
 */
final class ProbeFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final Category category;
    private final int httpStatus;
    private final String errorCode;
    private final boolean ambiguous;

    ProbeFailure(Category category, String message, int httpStatus, String errorCode, boolean ambiguous) {
        super(message, null, false, false);
        this.category = category;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.ambiguous = ambiguous;
    }

    ProbeFailure(Category category, String message, int httpStatus) {
        this(category, message, httpStatus, "", false);
    }

    Category category() {
        return category;
    }

    int httpStatus() {
        return httpStatus;
    }

    String errorCode() {
        return errorCode;
    }

    boolean ambiguous() {
        return ambiguous;
    }

    /** Worth another attempt: the network, a 5xx or a 429, never a refusal of the key. */
    boolean isTransient() {
        return errorCode.isEmpty() && (category == Category.UNAVAILABLE || category == Category.TIMEOUT
                || category == Category.RATE_LIMITED && httpStatus == 429);
    }
}
