package io.credwatch.secrets;

/** A file the scan could not read or understand in full, or chose not to read. */
public record ScanProblem(String file, Kind kind, String reason) {

    public enum Kind {
        /** Nothing of the file was scanned. */
        UNREADABLE,
        /** Not valid in its format: only the content rules ran on it. */
        UNPARSABLE,
        /** Left out on purpose (binary, too large). */
        SKIPPED
    }

    /** {@code FILE: reason}, one line. */
    public String format() {
        return file + ": " + reason;
    }

    /** Unreadable or unparsable: the scan cannot vouch for this file. */
    public boolean incomplete() {
        return kind != Kind.SKIPPED;
    }
}
