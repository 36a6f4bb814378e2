package io.credwatch.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;

/**
 * Gives an error that Jersey answers without a body the API's JSON error body. Jersey answers a
 * malformed {@code Accept} or {@code Content-Type} with a bare 400, past every exception mapper
 * (its {@code HeaderValueException} is never offered to them); response filters still see it.
 */
final class ErrorBodies implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() >= 400 && !response.hasEntity()) {
            response.setEntity(ApiError.of(response.getStatus()), new Annotation[0], MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
