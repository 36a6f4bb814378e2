package io.credwatch.http;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.ComplianceViolation;
import org.eclipse.jetty.http.HostPortHttpField;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.util.HostPort;

/**
 * What was wrong with a request refused before any route saw it, as far as the log needs to
 * know. A closed set, so that counting refusals by kind takes the same memory whatever clients
 * send; a kind never carries anything the client sent.
 */
enum ClientMistake {

    BAD_HOST("a Host header or authority that is not one host and port"),
    FOREIGN_HOST("a Host this API does not answer to (the DNS rebinding guard)"),
    BAD_TARGET("a malformed, ambiguous or badly encoded request target"),
    MALFORMED("a malformed request line or header"),
    TOO_LARGE("a request line, header block or body over the limits"),
    NOT_HTTP_1("an HTTP version other than 1.0 and 1.1"),
    OTHER("another protocol error");

    // Jetty tells what was wrong only in its exception's reason and in where it threw it. The
    // reasons matched are descriptions from Jetty's own violation enums, and the places are
    // classes, not prose that can change between releases; a refusal recognised by neither is
    // filed as MALFORMED, which costs only precision.
    private static final Set<String> HOST_VIOLATIONS = descriptions(HttpCompliance.Violation.DUPLICATE_HOST_HEADERS,
            HttpCompliance.Violation.UNSAFE_HOST_HEADER, HttpCompliance.Violation.MISMATCHED_AUTHORITY);
    private static final Set<String> URI_VIOLATIONS = descriptions(UriCompliance.Violation.values());
    /** Causes are followed no deeper than this: a chain can, in principle, loop. */
    private static final int MAX_CAUSES = 8;

    private final String description;

    ClientMistake(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    /**
     * The kind of a refusal Jetty raised, or empty when the client is not to blame: any 5xx but
     * 505, which is Jetty's answer to a version it does not speak.
     */
    static Optional<ClientMistake> of(HttpException refusal) {
        return switch (refusal.getCode()) {
            case 400 -> Optional.of(badRequest(refusal));
            case 413, 414, 431 -> Optional.of(TOO_LARGE);
            // 426: an HTTP/2 preface on this HTTP/1 connector.
            case 426, 505 -> Optional.of(NOT_HTTP_1);
            default -> refusal.getCode() < 500 ? Optional.of(OTHER) : Optional.empty();
        };
    }

    private static ClientMistake badRequest(HttpException refusal) {
        String reason = refusal.getReason();
        if (HOST_VIOLATIONS.contains(reason) || raisedIn(refusal, HostPortHttpField.class)
                || raisedIn(refusal, HostPort.class)) {
            return BAD_HOST;
        }
        if (URI_VIOLATIONS.contains(reason) || raisedIn(refusal, HttpURI.class)) {
            return BAD_TARGET;
        }
        return MALFORMED;
    }

    /** Whether {@code refusal} or one of its causes was thrown by {@code where} or a class nested in it. */
    private static boolean raisedIn(HttpException refusal, Class<?> where) {
        Throwable t = refusal instanceof Throwable thrown ? thrown : null;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            StackTraceElement[] stack = t.getStackTrace();
            if (stack.length > 0 && (stack[0].getClassName().equals(where.getName())
                    || stack[0].getClassName().startsWith(where.getName() + "$"))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> descriptions(ComplianceViolation... violations) {
        return Arrays.stream(violations).map(ComplianceViolation::getDescription)
                .collect(Collectors.toUnmodifiableSet());
    }
}
