package io.credwatch.credential;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One configured credential as two hosts can compare it: which source and names won, and the
 * safe fingerprints of the key and secret (for an ed25519 or rsa key, of the private key's public
 * half, which is what the exchange holds). Holds no value.
 *
 * @param credential the account id
 * @param kind       the exchange ({@code bybit})
 * @param keyType    {@code hmac}, {@code ed25519} or {@code rsa}
 * @param state      {@code OK}, {@code MISSING} (no source yields a complete key), {@code INVALID} (the
 *                   private key's PEM does not parse) or {@code MISMATCH} (not the {@code expectedFingerprint})
 * @param problem    why INVALID, in words that never quote the key
 * @param secret     the secret's fingerprint, hmac keys only
 * @param publicKey  the public half's fingerprint, ed25519 and rsa keys only
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CredentialFingerprint(String credential, String kind, String keyType, String state, String problem,
                                    String key, String secret, String publicKey, String source, List<String> names,
                                    String expected, List<Map<String, String>> sourcesTried) {

    public static final String OK = "OK";
    public static final String MISSING = "MISSING";
    public static final String INVALID = "INVALID";
    public static final String MISMATCH = "MISMATCH";

    public boolean ok() {
        return OK.equals(state);
    }
}
