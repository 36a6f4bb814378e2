package io.credwatch.config;

/**
 * A configuration that cannot be used. The message is one line, the field path first, so
 * that an operator reading the journal knows exactly what to edit. Whatever the refusal
 * quotes from the file (a key, a value) is made printable and the line is bounded: a key
 * with a newline in it must not forge a second journal line, and a 100 KiB value must not
 * become a 100 KiB log line.
 */
public final class ConfigException extends Exception {

    /** Long enough for any path and reason; a quoted value beyond it is cut. */
    static final int MAX_LENGTH = 400;

    private final String path;

    public ConfigException(String path, String problem) {
        super(oneLine(path == null || path.isEmpty() ? problem : path + ": " + problem), null, false, false);
        this.path = path == null ? "" : path;
    }

    public String path() {
        return path;
    }

    private static String oneLine(String message) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < message.length() && sb.length() <= MAX_LENGTH; i++) {
            char c = message.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.length() > MAX_LENGTH ? sb.substring(0, MAX_LENGTH) + "…" : sb.toString();
    }
}
