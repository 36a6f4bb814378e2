package io.credwatch.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Lets a request through when no token is configured, or when it carries
 * {@code Authorization: Bearer <token>} (RFC 6750 section 2.1). Refusals never say what was
 * expected nor repeat what was sent.
 */
final class BearerTokenGuard {

    private static final String SCHEME = "Bearer ";
    /** RFC 6750 section 3: the challenge a client needs to know a token is wanted. */
    static final String CHALLENGE = "Bearer realm=\"credwatch\"";

    private final Supplier<Optional<String>> token;

    BearerTokenGuard(Supplier<Optional<String>> token) {
        this.token = token;
    }

    /** @throws ApiException 401 with a {@code WWW-Authenticate} challenge */
    void requireAuthorized(String authorizationHeader) {
        Optional<String> expected = token.get();
        if (expected.isEmpty()) {
            return;
        }
        String presented = presentedToken(authorizationHeader);
        if (presented == null || !sameToken(presented, expected.get())) {
            throw ApiException.withHeader(401, "a valid bearer token is required", "WWW-Authenticate", CHALLENGE);
        }
    }

    private static String presentedToken(String header) {
        // The scheme name is case-insensitive (RFC 9110 section 11.1).
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        return header.substring(SCHEME.length()).trim();
    }

    /**
     * Compares digests rather than the tokens: {@link MessageDigest#isEqual} takes time that
     * does not depend on where the bytes differ, and equal-length digests hide the token's
     * length as well.
     */
    private static boolean sameToken(String presented, String expected) {
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
