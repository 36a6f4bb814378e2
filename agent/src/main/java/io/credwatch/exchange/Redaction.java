package io.credwatch.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes an exchange's error message safe to show. Exchanges echo what they were sent (Bybit's
 * 10004 quotes the whole string it signed, key included), so the message loses: any quoted
 * origin string, the key, every 8-character piece of the secret and passphrase, and any long
 * token that could be a signature or a key; then it is cut short.
 */
final class Redaction {

    static final int MAX_MESSAGE_CHARS = 200;
    static final int SECRET_PIECE = 8;
    static final String MASK = "[redacted]";

    /** A signature (64 hex, 44 base64) or a key: no word of an error message is this long and dense. */
    private static final Pattern LONG_TOKEN = Pattern.compile("[A-Za-z0-9+/=_\\-]{16,}");
    private static final Pattern ECHOED_REQUEST = Pattern.compile("(?i)(origin_string|sign(ature)? ?string|payload).*$");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Cf}]+");

    private final List<String> pieces = new ArrayList<>();

    Redaction(ApiCredentials credentials) {
        if (!credentials.key().isEmpty()) {
            pieces.add(credentials.key());
        }
        addPieces(credentials.secret());
        addPieces(credentials.passphrase());
    }

    private void addPieces(String value) {
        if (value.length() <= SECRET_PIECE) {
            if (!value.isEmpty()) {
                pieces.add(value);
            }
            return;
        }
        for (int i = 0; i + SECRET_PIECE <= value.length(); i++) {
            pieces.add(value.substring(i, i + SECRET_PIECE));
        }
    }

    String clean(String message) {
        if (message == null || message.isEmpty()) {
            return "";
        }
        String text = CONTROL.matcher(message).replaceAll(" ");
        text = ECHOED_REQUEST.matcher(text).replaceAll(MASK);
        for (String piece : pieces) {
            text = text.replace(piece, MASK);
        }
        text = LONG_TOKEN.matcher(text).replaceAll(MASK).strip();
        if (text.length() > MAX_MESSAGE_CHARS) {
            text = text.substring(0, MAX_MESSAGE_CHARS - 1) + "…";
        }
        return text;
    }

    /** An exchange code is short and plain; anything else in that place is not shown. */
    static String code(String code) {
        return code != null && code.matches("-?[A-Za-z0-9_]{1,16}") ? code : "";
    }
}
