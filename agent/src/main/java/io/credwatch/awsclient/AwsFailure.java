package io.credwatch.awsclient;

import io.credwatch.check.Category;
import io.credwatch.check.Status;
import io.credwatch.net.NetworkFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * A failed AWS call, named by its error code (the SDK raises one generic exception per
 * service, so the code is what tells an expired token from a wrong secret), with the
 * server's clock where the response carried one.
 *
 * @param code        the service's error code, or the client-side failure's kind
 * @param message     the service's message, cleaned of anything token-shaped
 * @param clockOffset server time minus local time, from the response's {@code Date} header
 * @param answered    whether the service answered (with an error code or a 5xx); false when no
 *                    answer came, or one that is not the service's
 */
public record AwsFailure(Status status, Category category, String code, String message,
                         Optional<Duration> clockOffset, boolean answered) {

    /** Beyond this the request signature is refused: AWS allows about 15 minutes. */
    public static final Duration SKEW_LIMIT = Duration.ofMinutes(5);

    private static final Set<String> EXPIRED = Set.of("ExpiredToken", "ExpiredTokenException");
    private static final Set<String> INVALID = Set.of("InvalidClientTokenId", "UnrecognizedClientException",
            "InvalidAccessKeyId", "AuthFailure", "InvalidToken");
    private static final Set<String> SKEW = Set.of("RequestExpired", "RequestTimeTooSkewed",
            "RequestInTheFuture");
    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedOperation", "UnauthorizedAccess");
    private static final Set<String> THROTTLED = Set.of("Throttling", "ThrottlingException",
            "RequestLimitExceeded", "TooManyRequestsException");

    public static AwsFailure of(SdkException e, Instant localNow) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new AwsFailure(Status.UNKNOWN, Category.TIMEOUT, "Timeout", "no answer in time", Optional.empty(),
                    false);
        }
        if (!(e instanceof AwsServiceException service) || service.awsErrorDetails() == null) {
            NetworkFailure failure = NetworkFailure.known(e).orElseGet(() -> unreadable(e)
                    ? new NetworkFailure(NetworkFailure.Kind.BAD_RESPONSE, "the answer is not the service's (it cannot be parsed)")
                    : NetworkFailure.classify(e));
            return new AwsFailure(Status.UNKNOWN, Category.valueOf(failure.kind().name()), e.getClass().getSimpleName(),
                    failure.message(), Optional.empty(), false);
        }
        String given = service.awsErrorDetails().errorCode();
        // A 5xx from a proxy or a broken endpoint has no AWS error code: its status is the code.
        String code = given == null || given.isBlank() ? "HTTP " + service.statusCode() : given;
        String message = AwsText.clean(service.awsErrorDetails().errorMessage());
        Optional<Duration> offset = clockOffset(service.awsErrorDetails().sdkHttpResponse(), localNow);
        boolean skewed = offset.map(o -> o.abs().compareTo(SKEW_LIMIT) > 0).orElse(false);
        if (SKEW.contains(code) || code.equals("SignatureDoesNotMatch") && skewed) {
            return new AwsFailure(Status.CRITICAL, Category.CLOCK_SKEW, code, message, offset, true);
        }
        if (code.equals("SignatureDoesNotMatch")) {
            return new AwsFailure(Status.CRITICAL, Category.INVALID_CREDENTIALS, code,
                    "the secret does not match the key", offset, true);
        }
        if (EXPIRED.contains(code)) {
            return new AwsFailure(Status.CRITICAL, Category.EXPIRED, code, message, offset, true);
        }
        if (INVALID.contains(code)) {
            return new AwsFailure(Status.CRITICAL, Category.INVALID_CREDENTIALS, code, message, offset, true);
        }
        if (DENIED.contains(code)) {
            return new AwsFailure(Status.WARN, Category.ACCESS_DENIED, code, message, offset, true);
        }
        if (THROTTLED.contains(code) || service.statusCode() == 429) {
            return new AwsFailure(Status.UNKNOWN, Category.RATE_LIMITED, code, message, offset, true);
        }
        if (service.statusCode() >= 500) {
            return new AwsFailure(Status.UNKNOWN, Category.UNAVAILABLE, code, message, offset, true);
        }
        return new AwsFailure(Status.UNKNOWN, Category.BAD_RESPONSE, code, message, offset, true);
    }

    /**
     * For a summary: the service's code and message, or for a failure on the way, credwatch's
     * words alone (the code there is only an SDK class name).
     */
    public String said() {
        if (!answered) {
            return message;
        }
        return message.isEmpty() ? code : code + " (" + message + ")";
    }

    /** The SDK's own words for an answer its parser refused (XML or JSON that is not the service's). */
    private static boolean unreadable(SdkException e) {
        return e.getMessage() != null && e.getMessage().startsWith("Unable to unmarshall response");
    }

    /** Server time minus local time, from a response's {@code Date} header (second precision). */
    public static Optional<Duration> clockOffset(SdkHttpResponse response, Instant localNow) {
        if (response == null) {
            return Optional.empty();
        }
        return response.firstMatchingHeader("Date").flatMap(date -> {
            try {
                Instant server = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(Duration.between(localNow, server));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }
}
