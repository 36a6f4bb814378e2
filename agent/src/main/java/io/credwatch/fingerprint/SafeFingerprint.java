package io.credwatch.fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What may be shown of a credential (SPEC "Safe fingerprint"), so two hosts can be compared
 * by eye without either showing the value. For an identifier (an API key): its length, first
 * and last 4 characters and the first 10 hex digits of its SHA-256. For a secret: only the
 * length and the hash prefix; nothing of the text. For a public key: the length and hash prefix of
 * its DER encoding (X.509 SubjectPublicKeyInfo), what
 * {@code openssl pkey -in key.pem -pubout -outform DER | sha256sum} starts with.
 *
 * @param head the first 4 characters, empty for a secret or a value shorter than 12
 * @param tail the last 4 characters, empty for a secret or a value shorter than 12
 */
public record SafeFingerprint(int length, String head, String tail, String sha256Prefix) {

    /** Below this length the first and last 4 characters would be most of an identifier. */
    static final int MIN_LENGTH_FOR_ENDS = 12;
    static final int HASH_HEX_DIGITS = 10;
    private static final Pattern EXPECTED = Pattern.compile(
            "(?:len=\\d+ (?:\\S+ )?sha256:([0-9a-f]{6,64}))|([0-9a-f]{6,64})");

    public static SafeFingerprint ofIdentifier(String value) {
        if (value.length() < MIN_LENGTH_FOR_ENDS) {
            return new SafeFingerprint(value.length(), "", "", hashPrefix(value));
        }
        return new SafeFingerprint(value.length(), value.substring(0, 4),
                value.substring(value.length() - 4), hashPrefix(value));
    }

    public static SafeFingerprint ofSecret(String value) {
        return new SafeFingerprint(value.length(), "", "", hashPrefix(value));
    }

    /** @param der the key's X.509 SubjectPublicKeyInfo, as {@code PublicKey.getEncoded()} gives it */
    public static SafeFingerprint ofPublicKey(byte[] der) {
        return new SafeFingerprint(der.length, "", "", hashPrefix(der));
    }

    private static String hashPrefix(String value) {
        return hashPrefix(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String hashPrefix(byte[] value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value);
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The hash an operator expects ({@code expectedFingerprint}): either a bare hex prefix of
     * the key's SHA-256 (6 to 64 digits) or a fingerprint as credwatch prints it.
     */
    public static Optional<String> expectedHash(String expected) {
        Matcher m = EXPECTED.matcher(expected.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) != null ? m.group(1) : m.group(2));
    }

    /** Whether this is the key the operator expects; the longer hash is compared on the shorter's digits. */
    public boolean matches(String expected) {
        return expectedHash(expected).map(hash -> hash.length() <= sha256Prefix.length()
                ? sha256Prefix.startsWith(hash) : hash.startsWith(sha256Prefix)).orElse(false);
    }

    /** {@code len=19 vect…6789 sha256:0123456789}, or {@code len=33 sha256:0123456789}. */
    @Override
    public String toString() {
        String ends = head.isEmpty() ? "" : head + "…" + tail + " ";
        return "len=" + length + " " + ends + "sha256:" + sha256Prefix;
    }
}
