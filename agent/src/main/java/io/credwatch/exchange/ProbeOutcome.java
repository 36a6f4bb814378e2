package io.credwatch.exchange;

import io.credwatch.check.Category;
import io.credwatch.config.ExchangeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one probe of an exchange key found, as data; the exchange check turns it into a
 * verdict with the egress IP and the account's allowlist. Holds no secret, key or signature:
 * the key appears only as its safe fingerprint and the exchange's message is redacted.
 *
 * @param authenticated  the signed private call was accepted
 * @param privateCalled  a signed request was sent (false for a public-only probe, or when the public call failed)
 * @param category       {@code NONE} when authenticated; otherwise why not
 * @param ambiguous      the exchange's code names several causes (Binance -2015: key, IP or
 *                       permission; Crypto.com 40101: key or, in practice, IP): the check decides with the egress IP
 * @param errorCode      the exchange's code ({@code 40101}, {@code -2015}); empty when none
 * @param message        short and sanitized: the exchange's words or credwatch's; never the request
 * @param httpStatus     of the answer that decided; 0 when there was none
 * @param clockOffset    the exchange's clock minus this host's, measured with the public time call
 * @param ipRestricted   whether the key is bound to IPs, where the exchange says
 * @param boundIps       as the exchange lists them (Bybit {@code ips}, KuCoin {@code ipWhitelist}); {@code *} = unbound
 * @param keyExpiresAt   Bybit {@code expiredAt}, Binance {@code tradingAuthorityExpirationTime}
 * @param account        Alpaca's account flags
 * @param environmentMismatch a paper key against the live URL or the reverse (Alpaca), said in words
 * @param retryAt        when the exchange may be asked again: it asked for a pause ({@code RATE_LIMITED}),
 *                       or the account's call budget frees ({@code CALL_BUDGET_SPENT})
 */
public record ProbeOutcome(ExchangeType exchange, String keyFingerprint, boolean authenticated,
                           boolean privateCalled, Category category, boolean ambiguous, String errorCode,
                           String message, int httpStatus, Optional<Duration> clockOffset,
                           KeyPermissions permissions, Optional<Boolean> ipRestricted, List<String> boundIps,
                           Optional<Instant> keyExpiresAt, Optional<AccountState> account,
                           Optional<String> environmentMismatch, Optional<Instant> retryAt) {

    public ProbeOutcome {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(category, "category");
        keyFingerprint = keyFingerprint == null ? "" : keyFingerprint;
        errorCode = errorCode == null ? "" : errorCode;
        message = message == null ? "" : message;
        permissions = permissions == null ? KeyPermissions.unknown() : permissions;
        boundIps = boundIps == null ? List.of() : List.copyOf(boundIps);
        retryAt = retryAt == null ? Optional.empty() : retryAt;
    }

    /** Withdrawals allowed: the first thing to remove from a trading bot's key. */
    public boolean withdrawalsEnabled() {
        return permissions.has(Permission.WITHDRAW);
    }
}
