package io.credwatch.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every exception that reaches Jersey becomes the fixed JSON error shape. Jersey's own
 * exceptions keep their status and headers ({@code Allow} on 405); their messages are
 * dropped, since some (parameter and parse errors) quote the request.
 */
final class ThrowableMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ThrowableMapper.class);

    @Override
    public Response toResponse(Throwable thrown) {
        if (thrown instanceof WebApplicationException wae) {
            Response original = wae.getResponse();
            if (original.getEntity() instanceof ApiError) {
                return original; // our own refusal, already in shape
            }
            int status = original.getStatus();
            if (status >= 500) {
                logUnexpected(wae.getCause() != null ? wae.getCause() : wae);
            }
            return Response.fromResponse(original)
                    .entity(ApiError.of(status))
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .build();
        }
        logUnexpected(thrown);
        return ApiError.of(500).toResponse().build();
    }

    private static void logUnexpected(Throwable t) {
        // Class and place only: exception messages from clients and parsers can hold request data.
        StackTraceElement[] stack = t.getStackTrace();
        String where = stack.length == 0 ? "" : " at " + stack[0].getClassName() + "." + stack[0].getMethodName()
                + ":" + stack[0].getLineNumber();
        LOG.warn("request failed: {}{}", t.getClass().getName(), where);
    }
}
