package io.credwatch.http;

import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The polled paths ({@code /health}, {@code /health/live}, {@code /health/ready},
 * {@code /metrics}), answered by Jetty itself. Supervisors, load balancers and Prometheus poll
 * them from the moment the process starts: through Jersey, the first poll would wait for
 * Jersey's start (docs/performance.md) and every poll would pay its dispatch.
 * Every other path goes on to the wrapped handler (Jersey, started on its first request).
 */
final class DirectRoutes extends Handler.Wrapper {

    private final Map<String, DirectRoute> routes;

    /** @param routes by exact path */
    DirectRoutes(Handler next, Map<String, DirectRoute> routes) {
        super(next);
        this.routes = Map.copyOf(routes);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        DirectRoute route = routes.get(Request.getPathInContext(request));
        if (route == null) {
            return super.handle(request, response, callback);
        }
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        if (!head && !HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            JsonErrorHandler.send(request, response, callback, ApiError.of(HttpStatus.METHOD_NOT_ALLOWED_405));
            return true;
        }
        Reply reply = route.answer(request.getHeaders().get(HttpHeader.ACCEPT));
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        if (head) {
            callback.succeeded();
        } else {
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
        }
        return true;
    }
}
