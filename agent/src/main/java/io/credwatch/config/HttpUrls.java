package io.credwatch.config;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The http(s) URLs of the configuration, held to what the code that sends to them needs, so
 * that a URL {@code validate} accepts is one the daemon can use: {@code URI.create} and the
 * JDK's {@code HttpRequest} take it (scheme, host, a port that exists), and an exchange's base
 * URL is one {@code ExchangeProbes} takes and appends request paths to (no query, no fragment).
 * User info is refused everywhere: the JDK's client never sends it, so it would only be a
 * password written into a file, and every message here leaves it out.
 */
final class HttpUrls {

    private static final String USER_INFO = "has user info; credentials in a URL are not allowed, the value is not repeated";

    /** {@code scheme://anything-but-a-path@}: user info, whether or not the rest of the URL parses. */
    private static final Pattern WITH_USER_INFO = Pattern.compile("\\s*[A-Za-z][A-Za-z0-9+.-]*:/*[^/?#]*@.*",
            Pattern.DOTALL);

    private HttpUrls() {
    }

    /**
     * Why {@code value} is no URL to send a request to, or empty when it is one.
     *
     * @param expected     what belongs there, for the message: "an http(s) URL"
     * @param secretBecause why the value must not be repeated, or null when it may be; a value
     *                     holding {@code @} is never repeated, as a password may stand before it
     */
    static Optional<String> requestProblem(String value, String expected, String secretBecause) {
        if (WITH_USER_INFO.matcher(value).matches()) {
            return Optional.of(USER_INFO);
        }
        Optional<URI> uri = parse(value);
        if (uri.isEmpty()) {
            if (secretBecause == null && value.indexOf('@') < 0) {
                return Optional.of("'" + value + "' is not " + expected);
            }
            return Optional.of("not " + expected + "; the value is not repeated here, as "
                    + (secretBecause == null ? "a password may stand before its '@'" : secretBecause));
        }
        int port = uri.get().getPort();
        if (port == 0 || port > 65_535) {
            return Optional.of("has port " + port + "; a port is 1 to 65535");
        }
        return Optional.empty();
    }

    /**
     * As {@link #requestProblem}, and base-only: credwatch appends each request's path and query
     * to it, so a query or fragment there would end up in the wrong place of every request.
     * Neither is repeated: a query may hold a token.
     */
    static Optional<String> baseProblem(String value, String expected) {
        Optional<String> problem = requestProblem(value, expected, null);
        if (problem.isPresent()) {
            return problem;
        }
        URI uri = parse(value).orElseThrow();
        if (uri.getRawQuery() != null) {
            return Optional.of("has a query ('?…'); a base URL is scheme, host, port and path only, and credwatch "
                    + "adds each request's path and parameters; the value is not repeated");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("has a fragment ('#…'); a base URL is scheme, host, port and path only, and "
                    + "credwatch adds each request's path and parameters; the value is not repeated");
        }
        return Optional.empty();
    }

    /** An http(s) URL with a host; the scheme in lower case, which is all the consumers were written for. */
    private static Optional<URI> parse(String value) {
        try {
            URI uri = URI.create(value);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
