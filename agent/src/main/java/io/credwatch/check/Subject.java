package io.credwatch.check;

import java.util.Objects;

/**
 * Whose credential a result is about, as typed facts for the faces (a metric's labels, an
 * alert's title).
 *
 * @param exchange    the exchange's label ({@code bybit}); empty when not an exchange key
 * @param account     the configured account id
 * @param environment the host's environment ({@code prod})
 * @param fingerprint the key's safe fingerprint hash (10 hex characters), empty when unknown;
 *                    never more of the key than that
 */
public record Subject(String exchange, String account, String environment, String fingerprint) {

    public Subject {
        Objects.requireNonNull(account, "account");
        exchange = exchange == null ? "" : exchange;
        environment = environment == null ? "" : environment;
        fingerprint = fingerprint == null ? "" : fingerprint;
    }
}
