package io.credwatch.check;

/** A check's status moved; {@code previous} is null on the very first run. */
public record StatusChange(CheckReport previous, CheckReport current) {

    public Status previousStatus() {
        return previous == null ? null : previous.status();
    }
}
