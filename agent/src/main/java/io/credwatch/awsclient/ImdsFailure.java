package io.credwatch.awsclient;

import io.credwatch.check.Category;
import io.credwatch.net.NetworkFailure;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Why the instance metadata service gave no answer, in credwatch's words: from the status
 * the SDK reports, else from the kind of network failure. Never the SDK's message itself.
 *
 * @param category {@code TIMEOUT}, {@code UNAVAILABLE} or {@code BAD_RESPONSE}
 * @param refused  the connection itself was refused: nothing listens where IMDS should be (the
 *                 endpoint disabled, a firewall rule rejecting it, or no EC2 at all), which no
 *                 retry changes, unlike a timeout, a reset or a 5xx
 */
public record ImdsFailure(Category category, String message, boolean refused) {

    /** A failure of IMDS that answered, or may yet answer: not a refused connection. */
    public ImdsFailure(Category category, String message) {
        this(category, message, false);
    }

    /*
     * The SDK reports an HTTP status only inside its exception message, e.g. "The requested
     * metadata at path '...' returned Http code 404" or "Could not retrieve token, 403 error
     * occurred." (DefaultEc2MetadataClient). Only the number is taken from it.
     */
    private static final Pattern STATUS = Pattern.compile("(?:Http code |token, )(\\d{3})");

    public static ImdsFailure of(SdkException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                // "No route to host" is the network's answer (an ICMP message, a neighbour that
                // did not answer), which may pass: only a refusal says nothing listens there.
                return new ImdsFailure(Category.UNAVAILABLE,
                        "IMDS not reachable (" + t.getClass().getSimpleName() + "); not on EC2, or IMDS is disabled",
                        t instanceof ConnectException);
            }
            Matcher m = STATUS.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return forStatus(Integer.parseInt(m.group(1)), m.group(0).startsWith("token"));
            }
        }
        NetworkFailure failure = NetworkFailure.classify(e);
        return new ImdsFailure(Category.valueOf(failure.kind().name()), failure.kind() == NetworkFailure.Kind.TIMEOUT
                ? "IMDS did not answer in time" : "IMDS: " + failure.message());
    }

    private static ImdsFailure forStatus(int status, boolean tokenRequest) {
        if (status == 404 && !tokenRequest) {
            return new ImdsFailure(Category.UNAVAILABLE,
                    "no public IPv4 on this instance (IMDS 404): traffic leaves through a NAT gateway, if at all");
        }
        if (status >= 500) {
            return new ImdsFailure(Category.UNAVAILABLE, "IMDS failed (HTTP " + status + ")");
        }
        if (tokenRequest) {
            return new ImdsFailure(Category.UNAVAILABLE,
                    "IMDS refused a session token (HTTP " + status + "); IMDS may be disabled for this instance");
        }
        if (status == 401) {
            return new ImdsFailure(Category.UNAVAILABLE, "IMDS refused the session token (HTTP 401)");
        }
        return new ImdsFailure(Category.UNAVAILABLE, "IMDS answered HTTP " + status);
    }
}
