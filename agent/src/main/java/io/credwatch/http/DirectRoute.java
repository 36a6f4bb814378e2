package io.credwatch.http;

import java.io.IOException;

/** A {@code GET} path answered by Jetty itself, without Jersey (see {@link DirectRoutes}). */
@FunctionalInterface
public interface DirectRoute {

    /** @param accept the request's {@code Accept} header, or null */
    Reply answer(String accept) throws IOException;
}
