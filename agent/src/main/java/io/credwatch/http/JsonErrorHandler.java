package io.credwatch.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises itself (a bad request line, headers too large, an
 * ambiguous path, a failure after Jersey gave up) in the same JSON shape as the API, and
 * whatever the client's {@code Accept} says: Jetty's default page is HTML and quotes the
 * request URI and the exception message. A refusal of what the client sent is counted by
 * kind in {@link ClientMistakes}; Jetty's own line for it, which quotes the client, is kept out
 * of the log by level (see {@code LogSetup}).
 */
final class JsonErrorHandler extends ErrorHandler {

    private final ClientMistakes mistakes;

    JsonErrorHandler(ClientMistakes mistakes) {
        this.mistakes = mistakes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException http) {
            status = http.getCode();
            response.setStatus(status);
            ClientMistake.of(http).ifPresent(mistakes::report);
        }
        if (status < 400) {
            // Jetty calls the error handler for errors only; anything else here is a failure.
            status = HttpStatus.INTERNAL_SERVER_ERROR_500;
            response.setStatus(status);
        }
        send(request, response, callback, ApiError.of(status));
        return true;
    }

    /** Sends {@code error} as the whole answer, for Jetty-level refusals that never reach Jersey. */
    static void send(Request request, Response response, Callback callback, ApiError error) {
        response.setStatus(error.status());
        SafeHeaders.apply(response.getHeaders());
        if (HttpStatus.hasNoBody(error.status()) || HttpMethod.HEAD.is(request.getMethod())) {
            callback.succeeded();
            return;
        }
        byte[] body = error.json();
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
