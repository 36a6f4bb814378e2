package io.credwatch.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

public enum ExchangeType {
    CRYPTOCOM, BYBIT, BINANCE, KUCOIN, ALPACA;

    public static ExchangeType parse(String text) {
        for (ExchangeType t : values()) {
            if (t.label().equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown exchange '" + text + "'; one of "
                + Arrays.stream(values()).map(ExchangeType::label).collect(Collectors.joining(", ")));
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As the exchange writes its own name, for summaries. */
    public String displayName() {
        return switch (this) {
            case CRYPTOCOM -> "Crypto.com";
            case BYBIT -> "Bybit";
            case BINANCE -> "Binance";
            case KUCOIN -> "KuCoin";
            case ALPACA -> "Alpaca";
        };
    }

    /**
     * The most signed requests one run of the account's check sends, retries aside: Crypto.com
     * proves Read with one private method and infers Trade from a second; KuCoin falls back to
     * a second call when the key's own description cannot be read. What an account's
     * {@code maxPrivateCallsPerHour} is measured against.
     */
    public int signedCallsPerRun() {
        return this == CRYPTOCOM || this == KUCOIN ? 2 : 1;
    }

    /**
     * The key types the exchange accepts. Binance takes Ed25519 and RSA keys besides HMAC ones
     * (developers.binance.com, "API Key Types"); Bybit's self-generated keys are RSA
     * (bybit-exchange.github.io/docs/v5/guide, "Select Your API Key Type"); the others issue
     * HMAC secrets only (Alpaca sends its secret as it is, which is the same part).
     */
    public Set<KeyType> keyTypes() {
        return switch (this) {
            case BINANCE -> EnumSet.allOf(KeyType.class);
            case BYBIT -> EnumSet.of(KeyType.HMAC, KeyType.RSA);
            case CRYPTOCOM, KUCOIN, ALPACA -> EnumSet.of(KeyType.HMAC);
        };
    }

    /** KuCoin keys come with a third part, the passphrase. */
    public int credentialParts() {
        return this == KUCOIN ? 3 : 2;
    }
}
