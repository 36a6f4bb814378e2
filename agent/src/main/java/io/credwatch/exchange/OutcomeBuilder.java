package io.credwatch.exchange;

import io.credwatch.check.Category;
import io.credwatch.config.ExchangeType;
import io.credwatch.credential.ApiCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Collects what a probe learns step by step; {@link #build()} redacts the message in one place. */
final class OutcomeBuilder {

    private final ExchangeType exchange;
    private final ApiCredentials credentials;
    private boolean authenticated;
    private boolean privateCalled;
    private Category category = Category.NONE;
    private boolean ambiguous;
    private String errorCode = "";
    private String message = "";
    private int httpStatus;
    private Duration clockOffset;
    private KeyPermissions permissions = KeyPermissions.unknown();
    private Boolean ipRestricted;
    private List<String> boundIps = List.of();
    private Instant keyExpiresAt;
    private AccountState account;
    private String environmentMismatch;
    private Instant retryAt;

    /** @param credentials null for a public-only probe */
    OutcomeBuilder(ExchangeType exchange, ApiCredentials credentials) {
        this.exchange = exchange;
        this.credentials = credentials;
    }

    OutcomeBuilder authenticated(int status) {
        authenticated = true;
        httpStatus = status;
        return this;
    }

    OutcomeBuilder privateCalled() {
        privateCalled = true;
        return this;
    }

    OutcomeBuilder failure(ProbeFailure failure) {
        authenticated = false;
        category = failure.category();
        ambiguous = failure.ambiguous();
        errorCode = failure.errorCode();
        message = failure.getMessage();
        httpStatus = failure.httpStatus();
        retryAt = failure.retryAt().orElse(null);
        return this;
    }

    /** A remark on a successful probe, e.g. why a permission could not be inferred. */
    OutcomeBuilder note(String text) {
        message = message.isEmpty() ? text : message + "; " + text;
        return this;
    }

    OutcomeBuilder clockOffset(Duration offset) {
        clockOffset = offset;
        return this;
    }

    OutcomeBuilder permissions(KeyPermissions value) {
        permissions = value;
        return this;
    }

    OutcomeBuilder boundIps(boolean restricted, List<String> ips) {
        ipRestricted = restricted;
        boundIps = ips;
        return this;
    }

    OutcomeBuilder keyExpiresAt(Instant value) {
        keyExpiresAt = value;
        return this;
    }

    OutcomeBuilder account(AccountState value) {
        account = value;
        return this;
    }

    OutcomeBuilder environmentMismatch(String value) {
        environmentMismatch = value;
        return this;
    }

    ProbeOutcome build() {
        ApiCredentials shown = credentials == null ? ApiCredentials.of("", "") : credentials;
        String fingerprint = credentials == null ? "" : credentials.keyFingerprint().toString();
        return new ProbeOutcome(exchange, fingerprint, authenticated, privateCalled, category, ambiguous,
                errorCode, new Redaction(shown).clean(message), httpStatus, Optional.ofNullable(clockOffset),
                permissions, Optional.ofNullable(ipRestricted), boundIps, Optional.ofNullable(keyExpiresAt),
                Optional.ofNullable(account), Optional.ofNullable(environmentMismatch), Optional.ofNullable(retryAt));
    }
}
