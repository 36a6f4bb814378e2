package io.credwatch.check;

/** What kind of credential an {@link Expiry} belongs to; a closed set, safe as a metric label. */
public enum CredentialKind {
    /** AWS access keys as the SDK's default chain resolves them. */
    AWS_CREDENTIALS,
    /** An exchange account's API key. */
    EXCHANGE_KEY,
    /** A Secrets Manager secret, due for rotation. */
    SECRET
}
