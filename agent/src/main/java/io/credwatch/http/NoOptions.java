package io.credwatch.http;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * OPTIONS is refused with 405 like any other method a path does not serve, and no
 * {@code Allow} header offers it. Jersey answers OPTIONS itself, with 200 and a
 * {@code text/plain} list of methods: the one answer of the API that would not be JSON,
 * and a CORS preflight has no business with a loopback API meant for curl and monitors.
 */
final class NoOptions implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String allow = response.getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            String served = Arrays.stream(allow.split(","))
                    .map(String::trim)
                    .filter(m -> !m.isEmpty() && !m.equalsIgnoreCase(HttpMethod.OPTIONS))
                    .collect(Collectors.joining(", "));
            response.getHeaders().putSingle(HttpHeaders.ALLOW, served);
        }
        if (HttpMethod.OPTIONS.equalsIgnoreCase(request.getMethod()) && response.getStatus() < 400) {
            response.setStatus(405);
            response.setEntity(ApiError.of(405), new java.lang.annotation.Annotation[0],
                    MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
