package io.credwatch.check;

/** The cause behind a status, named for the operator (SPEC "Statuses"). OK results carry NONE. */
public enum Category {
    NONE,
    NO_CREDENTIALS,
    EXPIRED,
    EXPIRING_SOON,
    TEMPORARY_STATIC_CREDENTIALS,
    LONG_TERM_KEY,
    INVALID_CREDENTIALS,
    ACCESS_DENIED,
    CLOCK_SKEW,
    AUTH_FAILED,
    IP_NOT_ALLOWLISTED,
    IP_CHANGED,
    PERMISSION_TOO_BROAD,
    PERMISSION_MISSING,
    KEY_EXPIRING,
    /** The service refused for load (429, 418, its rate-limit code) or asked for a pause that has not ended. */
    RATE_LIMITED,
    /**
     * credwatch's own limit on signed calls of an account is spent, so it asked nothing; shown
     * only when there is no earlier verdict to keep (otherwise that verdict stands).
     */
    CALL_BUDGET_SPENT,
    UNAVAILABLE,
    TIMEOUT,
    BAD_RESPONSE,
    SKIPPED_LOCAL,
    ROTATION_OVERDUE,
    PLAINTEXT_SECRET,
    FINGERPRINT_MISMATCH,
    NOT_ELASTIC,
    SOURCES_DISAGREE,
    ENVIRONMENT_MIXED,
    IMDS_V1_ENABLED,
    /** AWS attached its compromised-key quarantine policy to the key's IAM user: it found the key exposed. */
    KEY_QUARANTINED,
    /** The credentials belong to another AWS account than the configured one. */
    WRONG_ACCOUNT,
    /** A process that uses the key started before the key last changed: it still holds the old one. */
    ROTATION_NOT_PICKED_UP,
    /** The check itself threw: a bug or an unforeseen answer, never a verdict on a credential. */
    INTERNAL_ERROR,
    /**
     * No run of the check finished for longer than twice its interval plus its timeout (a
     * stuck thread, a starved executor, a wedged scheduler): its last verdict no longer holds.
     */
    STALE
}
