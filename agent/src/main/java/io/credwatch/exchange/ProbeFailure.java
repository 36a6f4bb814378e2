package io.credwatch.exchange;

import io.credwatch.check.Category;
import java.time.Instant;
import java.util.Optional;

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
    private final Instant retryAt;

    ProbeFailure(Category category, String message, int httpStatus, String errorCode, boolean ambiguous) {
        this(category, message, httpStatus, errorCode, ambiguous, null);
    }

    private ProbeFailure(Category category, String message, int httpStatus, String errorCode, boolean ambiguous,
                         Instant retryAt) {
        super(message, null, false, false);
        this.category = category;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.ambiguous = ambiguous;
        this.retryAt = retryAt;
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

    /** When the exchange may be asked again (a pause it asked for, the account's call budget freeing). */
    Optional<Instant> retryAt() {
        return Optional.ofNullable(retryAt);
    }

    /** This failure, saying when to ask again and why not sooner. */
    ProbeFailure until(Instant at, String why) {
        return new ProbeFailure(category, getMessage() + "; " + why, httpStatus, errorCode, ambiguous, at);
    }

    /**
     * Worth another attempt: the network or a 5xx, never a refusal of the key, and never a rate
     * limit: an exchange that said "too many" bans the IP that keeps asking.
     */
    boolean isTransient() {
        return errorCode.isEmpty() && (category == Category.UNAVAILABLE || category == Category.TIMEOUT);
    }
}
