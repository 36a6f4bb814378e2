package io.credwatch.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What signs an exchange account's requests: a secret the exchange generated and shares
 * ({@code hmac}), or a private key whose public half the operator registered at the exchange
 * ({@code ed25519}, {@code rsa}; "self-generated" keys). The asymmetric private key is read from
 * the same place, under the same names, as a secret would be.
 */
public enum KeyType {
    HMAC, ED25519, RSA;

    /** Exact, as written in the configuration: {@code hmac}, {@code ed25519}, {@code rsa}. */
    public static KeyType parse(String text) {
        for (KeyType t : values()) {
            if (t.label().equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown key type '" + text + "'; one of "
                + Arrays.stream(values()).map(KeyType::label).collect(Collectors.joining(", ")));
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A private key in a PEM rather than a shared secret. */
    public boolean asymmetric() {
        return this != HMAC;
    }
}
