package io.credwatch.http;

/** A whole answer of a {@link DirectRoute}: built before anything is sent, so a failure is still an error status. */
public record Reply(int status, String contentType, byte[] body) {
}
