package io.credwatch.exchange;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The one MAC every signing exchange here uses; they differ only in what they sign and how they print it. */
final class HmacSha256 {

    private HmacSha256() {
    }

    static byte[] mac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    static String hex(String secret, String message) {
        return HexFormat.of().formatHex(mac(secret, message));
    }

    static String base64(String secret, String message) {
        return Base64.getEncoder().encodeToString(mac(secret, message));
    }
}
