package io.credwatch.awsclient;

import java.util.regex.Pattern;

/**
 * Error text from the SDK made safe to show: one line, bounded, and with anything shaped like
 * a key, token or signature cut out. SDK messages are mostly fixed sentences, but some quote
 * what the service said back, and a service may quote the request.
 */
public final class AwsText {

    private static final int MAX = 240;
    /**
     * Long runs of key, token or base64 characters with a digit in them: keys and secrets
     * have digits, the SDK's long class and variable names do not.
     */
    private static final Pattern TOKEN_LIKE = Pattern.compile("(?=[A-Za-z0-9/+=_-]*[0-9])[A-Za-z0-9/+=_-]{20,}");

    private AwsText() {
    }

    static String clean(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String line = TOKEN_LIKE.matcher(text.replaceAll("\\s+", " ").trim()).replaceAll("…");
        return line.length() <= MAX ? line : line.substring(0, MAX - 1) + "…";
    }

    /** Why a call or a provider failed: the exception's own words, cleaned, else its kind. */
    public static String reason(Throwable e) {
        String text = clean(e.getMessage());
        return text.isEmpty() ? e.getClass().getSimpleName() : text;
    }
}
