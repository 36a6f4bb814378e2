package io.credwatch.credential;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One configured credential as two hosts can compare it: which source and names won, and the
 * safe fingerprints of the key and secret. Holds no value.
 *
 * @param credential the account id
 * @param kind       the exchange ({@code bybit})
 * @param state      {@code OK}, {@code MISSING} (no source yields a complete key) or
 *                   {@code MISMATCH} (not the {@code expectedFingerprint})
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CredentialFingerprint(String credential, String kind, String state, String key, String secret,
                                    String source, List<String> names, String expected,
                                    List<Map<String, String>> sourcesTried) {

    public static final String OK = "OK";
    public static final String MISSING = "MISSING";
    public static final String MISMATCH = "MISMATCH";

    public boolean ok() {
        return OK.equals(state);
    }
}
