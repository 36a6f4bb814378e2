package io.credwatch.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * An answer the API refuses with on purpose (unknown check, missing token, too soon), with
 * its reason and headers already in the response, so Jersey sends it as it is.
 */
final class ApiException extends WebApplicationException {

    private ApiException(Response response) {
        super(response);
    }

    static ApiException of(int status, String reason) {
        return new ApiException(new ApiError(status, reason).toResponse().build());
    }

    static ApiException withHeader(int status, String reason, String header, String value) {
        return new ApiException(new ApiError(status, reason).toResponse().header(header, value).build());
    }

    // No stack: these are answers, not faults, and may be thrown once per request.
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
