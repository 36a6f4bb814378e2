package io.credwatch.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.eclipse.jetty.http.HttpStatus;

/**
 * The body of every error answer: the status again and a short reason written by us. It
 * never carries an exception message or anything taken from the request, which could
 * echo a token or a crafted path back to the client.
 */
public record ApiError(int status, String error) {

    /** The standard reason phrase of a status, lower-case, e.g. {@code method not allowed}. */
    static ApiError of(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String phrase = known != null ? known.getReasonPhrase() : HttpStatus.getMessage(status);
        return new ApiError(status, phrase == null ? "error" : phrase.toLowerCase(Locale.ROOT));
    }

    /** As the mapper would write it, without the mapper (see {@link JsonBody}). */
    byte[] json() {
        return JsonBody.of(json -> {
            json.writeStartObject();
            json.writeNumberField("status", status);
            json.writeStringField("error", error);
            json.writeEndObject();
        });
    }

    Response.ResponseBuilder toResponse() {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(this);
    }
}
