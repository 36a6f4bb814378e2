package io.credwatch.secrets;

/**
 * A file that is not valid in its format. Carries only the position: a parser's own message
 * may quote the text around the error, which can be the secret itself.
 */
final class UnparsableException extends Exception {

    UnparsableException(String format, int line, int column) {
        super("not valid " + format + (line > 0 ? " (line " + line + ", column " + column + ")" : ""), null, false, false);
    }
}
