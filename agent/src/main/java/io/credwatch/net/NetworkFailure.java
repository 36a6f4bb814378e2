package io.credwatch.net;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;

/**
 * Why an HTTP call got no answer, in credwatch's own words: the message is built from an
 * exception's class, never copied from its message, which can echo a request (the JDK's
 * "Invalid status line" quotes what the server sent). Only the JDK's own fixed texts for a
 * reset and a silent close are looked at, as they have no exception class of their own.
 *
 * @param kind {@code TIMEOUT}, {@code UNAVAILABLE}, or {@code BAD_RESPONSE} for an answer that is not
 *             HTTP or too long to be the service's
 */
public record NetworkFailure(Kind kind, String message) {

    /** Named as the check categories that report them, so a check maps one to the other by name. */
    public enum Kind {
        TIMEOUT, UNAVAILABLE, BAD_RESPONSE
    }

    static final String UNTRUSTED = "TLS handshake failed: the server's certificate is not trusted (self-signed, "
            + "issued by an unknown CA such as an intercepting proxy's, expired, or for another name)";

    public static NetworkFailure classify(Throwable t) {
        return known(t).orElseGet(() -> new NetworkFailure(Kind.UNAVAILABLE,
                "request failed (" + (t == null ? "unknown" : t.getClass().getSimpleName()) + ")"));
    }

    /** The failure, when {@code t} is one of the kinds named here; empty for anything else. */
    public static Optional<NetworkFailure> known(Throwable t) {
        return Optional.ofNullable(named(t));
    }

    private static NetworkFailure named(Throwable t) {
        Optional<AnswerTooLargeException> large = chain(t).filter(AnswerTooLargeException.class::isInstance)
                .map(AnswerTooLargeException.class::cast).findFirst();
        if (large.isPresent()) {
            return new NetworkFailure(Kind.BAD_RESPONSE,
                    "the answer is longer than " + large.get().limit() + " bytes; not the service's");
        }
        if (has(t, HttpConnectTimeoutException.class::isInstance)) {
            return new NetworkFailure(Kind.TIMEOUT, "connect timed out");
        }
        // The JDK client's own timeout, and a socket read timeout (the AWS SDK's URLConnection client).
        if (has(t, c -> c instanceof HttpTimeoutException || c instanceof SocketTimeoutException)) {
            return new NetworkFailure(Kind.TIMEOUT, "no answer in time");
        }
        if (has(t, c -> c instanceof CertificateException || c instanceof CertPathBuilderException
                || c instanceof CertPathValidatorException)) {
            return new NetworkFailure(Kind.UNAVAILABLE, UNTRUSTED);
        }
        if (has(t, SSLException.class::isInstance)) {
            return new NetworkFailure(Kind.UNAVAILABLE,
                    "TLS handshake failed (the server does not speak TLS there, or shares no protocol with this host)");
        }
        if (has(t, c -> c instanceof ConnectException || c instanceof NoRouteToHostException)) {
            return new NetworkFailure(Kind.UNAVAILABLE, "connection refused or unreachable");
        }
        if (has(t, c -> c instanceof UnresolvedAddressException || c instanceof UnknownHostException)) {
            return new NetworkFailure(Kind.UNAVAILABLE, "host name does not resolve");
        }
        // The JDK client's ProtocolException, HttpURLConnection's "Invalid Http response".
        if (has(t, c -> c instanceof ProtocolException || c instanceof IOException && said(c, "invalid http response"))) {
            return new NetworkFailure(Kind.BAD_RESPONSE, "the answer is not HTTP");
        }
        if (has(t, c -> c instanceof SocketException && said(c, "reset"))) {
            return new NetworkFailure(Kind.UNAVAILABLE, "the connection was reset before an answer");
        }
        if (has(t, c -> c instanceof EOFException || c instanceof IOException && said(c, "received no bytes"))) {
            return new NetworkFailure(Kind.UNAVAILABLE, "the connection was closed before an answer");
        }
        return null;
    }

    /** {@code t} and its causes, outermost first. */
    private static Stream<Throwable> chain(Throwable t) {
        return Stream.iterate(t, Objects::nonNull, c -> c.getCause() == c ? null : c.getCause());
    }

    private static boolean has(Throwable t, Predicate<Throwable> kind) {
        return chain(t).anyMatch(kind);
    }

    private static boolean said(Throwable t, String words) {
        return t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(words);
    }
}
