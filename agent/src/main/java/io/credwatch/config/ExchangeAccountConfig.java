package io.credwatch.config;

import java.time.Duration;
import java.util.List;

/**
 * @param keyType                what signs the account's requests: {@code hmac} (the default) or a
 *                               private key, {@code ed25519} or {@code rsa}, where the exchange takes one
 * @param consumers              the processes that use the account's key, for rotations they have not picked up
 * @param maxPrivateCallsPerHour the most signed calls in any hour, runs on demand included
 */
public record ExchangeAccountConfig(String id, ExchangeType type, KeyType keyType, String baseUrl, Boolean enabled,
                                    Duration interval, Duration timeout, List<String> allowlist,
                                    CredentialSources credentials, String expectedFingerprint,
                                    List<String> requiredPermissions, Duration warnBefore, Duration criticalBefore,
                                    Integer raiseAfter, Integer raiseDefinitiveAfter, Integer clearAfter,
                                    List<ConsumerConfig> consumers, Integer maxPrivateCallsPerHour)
        implements FlapCounts {

    /**
     * The default interval's runs need fewer than 30 signed calls an hour; the rest leaves room for
     * runs on demand, and all of it is far below what any exchange allows an IP.
     */
    public static final int DEFAULT_PRIVATE_CALLS_PER_HOUR = 60;

    public ExchangeAccountConfig {
        keyType = keyType == null ? KeyType.HMAC : keyType;
        baseUrl = baseUrl == null ? "" : baseUrl;
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofMinutes(5) : interval;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        allowlist = allowlist == null ? List.of() : List.copyOf(allowlist);
        credentials = credentials == null ? new CredentialSources(null, null, null, null) : credentials;
        expectedFingerprint = expectedFingerprint == null ? "" : expectedFingerprint;
        requiredPermissions = requiredPermissions == null ? List.of() : List.copyOf(requiredPermissions);
        // Bybit keys without an IP binding live 90 days: two weeks is time to make a new one calmly.
        warnBefore = warnBefore == null ? Duration.ofDays(14) : warnBefore;
        criticalBefore = criticalBefore == null ? Duration.ofDays(3) : criticalBefore;
        consumers = consumers == null ? List.of() : List.copyOf(consumers);
        maxPrivateCallsPerHour = maxPrivateCallsPerHour == null ? DEFAULT_PRIVATE_CALLS_PER_HOUR
                : maxPrivateCallsPerHour;
    }

    /** An HMAC key, no consumers named, the call budget left to its default. */
    public ExchangeAccountConfig(String id, ExchangeType type, String baseUrl, Boolean enabled, Duration interval,
                                 Duration timeout, List<String> allowlist, CredentialSources credentials,
                                 String expectedFingerprint, List<String> requiredPermissions,
                                 Duration warnBefore, Duration criticalBefore,
                                 Integer raiseAfter, Integer raiseDefinitiveAfter, Integer clearAfter) {
        this(id, type, null, baseUrl, enabled, interval, timeout, allowlist, credentials, expectedFingerprint,
                requiredPermissions, warnBefore, criticalBefore, raiseAfter, raiseDefinitiveAfter, clearAfter, null,
                null);
    }

    /** An HMAC key, with the flap counts and the call budget left to their defaults. */
    public ExchangeAccountConfig(String id, ExchangeType type, String baseUrl, Boolean enabled, Duration interval,
                                 Duration timeout, List<String> allowlist, CredentialSources credentials,
                                 String expectedFingerprint, List<String> requiredPermissions,
                                 Duration warnBefore, Duration criticalBefore) {
        this(id, type, baseUrl, enabled, interval, timeout, allowlist, credentials, expectedFingerprint,
                requiredPermissions, warnBefore, criticalBefore, null, null, null);
    }

    public String checkId() {
        return "exchange:" + id;
    }

    public ExchangeAccountConfig withCredentials(CredentialSources sources) {
        return new ExchangeAccountConfig(id, type, keyType, baseUrl, enabled, interval, timeout, allowlist, sources,
                expectedFingerprint, requiredPermissions, warnBefore, criticalBefore, raiseAfter, raiseDefinitiveAfter,
                clearAfter, consumers, maxPrivateCallsPerHour);
    }

    public ExchangeAccountConfig withKeyType(KeyType signedWith) {
        return new ExchangeAccountConfig(id, type, signedWith, baseUrl, enabled, interval, timeout, allowlist,
                credentials, expectedFingerprint, requiredPermissions, warnBefore, criticalBefore, raiseAfter,
                raiseDefinitiveAfter, clearAfter, consumers, maxPrivateCallsPerHour);
    }

    /** The same account with another call budget. */
    public ExchangeAccountConfig withMaxPrivateCallsPerHour(int perHour) {
        return new ExchangeAccountConfig(id, type, keyType, baseUrl, enabled, interval, timeout, allowlist,
                credentials, expectedFingerprint, requiredPermissions, warnBefore, criticalBefore, raiseAfter,
                raiseDefinitiveAfter, clearAfter, consumers, perHour);
    }
}
