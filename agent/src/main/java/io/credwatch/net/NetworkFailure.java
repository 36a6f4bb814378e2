package io.credwatch.net;

import io.credwatch.check.Category;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;

/**
 * Why an HTTP call got no answer, in credwatch's own words: the message is built from an
 * exception's class, never copied from its message, which can echo a request.
 *
 * @param category {@code TIMEOUT} or {@code UNAVAILABLE}
 */
public record NetworkFailure(Category category, String message) {

    public static NetworkFailure classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpConnectTimeoutException) {
                return new NetworkFailure(Category.TIMEOUT, "connect timed out");
            }
            // The JDK client's own timeout, and a socket read timeout (the AWS SDK's URLConnection client).
            if (c instanceof HttpTimeoutException || c instanceof SocketTimeoutException) {
                return new NetworkFailure(Category.TIMEOUT, "no answer in time");
            }
            if (c instanceof ConnectException) {
                return new NetworkFailure(Category.UNAVAILABLE, "connection refused or unreachable");
            }
            if (c instanceof SSLException) {
                return new NetworkFailure(Category.UNAVAILABLE, "TLS failed (" + c.getClass().getSimpleName() + ")");
            }
            if (c instanceof java.nio.channels.UnresolvedAddressException
                    || c instanceof java.net.UnknownHostException) {
                return new NetworkFailure(Category.UNAVAILABLE, "host name does not resolve");
            }
        }
        return new NetworkFailure(Category.UNAVAILABLE,
                "request failed (" + (t == null ? "unknown" : t.getClass().getSimpleName()) + ")");
    }
}
