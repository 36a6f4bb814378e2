package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
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
    /**
     * A request path as credwatch writes it ({@code /v2/private/get-account-summary}): lower-case
     * words of at most 24 characters joined by {@code / - _}, kept readable. A signature or key is
     * one long dense run, or mixed case, and still goes; the known secret went before this anyway.
     */
    private static final Pattern PATH = Pattern.compile("/[a-z0-9]{1,24}(?:[/_-][a-z0-9]{1,24})+/?");
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
        text = maskPieces(text);
        text = LONG_TOKEN.matcher(text).replaceAll(m -> PATH.matcher(m.group()).matches()
                ? Matcher.quoteReplacement(m.group()) : MASK).strip();
        if (text.length() > MAX_MESSAGE_CHARS) {
            text = text.substring(0, MAX_MESSAGE_CHARS - 1) + "…";
        }
        return text;
    }

    /**
     * Every place any piece occurs is marked first and the marked runs masked after, so that
     * overlapping pieces cover the whole secret: replacing piece by piece would consume the
     * first window and leave the secret's last seven characters in view.
     */
    private String maskPieces(String text) {
        boolean[] hidden = new boolean[text.length()];
        for (String piece : pieces) {
            for (int at = text.indexOf(piece); at >= 0; at = text.indexOf(piece, at + 1)) {
                Arrays.fill(hidden, at, at + piece.length(), true);
            }
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!hidden[i]) {
                out.append(text.charAt(i));
            } else if (i == 0 || !hidden[i - 1]) {
                out.append(MASK);
            }
        }
        return out.toString();
    }

    /** An exchange code is short and plain; anything else in that place is not shown. */
    static String code(String code) {
        return code != null && code.matches("-?[A-Za-z0-9_]{1,16}") ? code : "";
    }
}
