package io.credwatch.http;

import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.glassfish.jersey.jetty.JettyHttpContainer;
import org.glassfish.jersey.jetty.JettyHttpContainerProvider;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * Jersey's own Jetty handler ({@link JettyHttpContainer}), built and started by the first request
 * that needs it rather than with the server. Building it is Jersey's whole start (its injection,
 * its resource model), which a host polled only on the direct routes ({@code /health},
 * {@code /metrics}) never pays at all, and no other host before it answers its supervisor.
 * Requests that arrive while the first one starts Jersey wait for that start and are then
 * answered by the same container: there is only ever one.
 */
final class JerseyOnFirstUse extends Handler.Abstract {

    private final Supplier<ResourceConfig> resources;
    private volatile JettyHttpContainer jersey;

    /** @param resources called once, by the first request; even building the configuration loads Jersey */
    JerseyOnFirstUse(Supplier<ResourceConfig> resources) {
        this.resources = resources;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return jersey().handle(withoutQuery(request), response, callback);
    }

    /**
     * The request as Jersey gets it: without its query, which no resource reads (the API ignores
     * query strings). Jersey's container makes a {@code java.net.URI} of the target, and a query
     * that Jetty lets through but {@code URI} refuses ({@code ?a=<b>}, {@code ?%zz}) would fail the
     * request with a 500 and a warning quoting the target.
     */
    private static Request withoutQuery(Request request) {
        HttpURI target = request.getHttpURI();
        if (target.getQuery() == null) {
            return request;
        }
        HttpURI path = HttpURI.build(target).query(null).asImmutable();
        return new Request.Wrapper(request) {
            @Override
            public HttpURI getHttpURI() {
                return path;
            }
        };
    }

    private JettyHttpContainer jersey() throws Exception {
        JettyHttpContainer started = jersey;
        if (started == null) {
            synchronized (this) {
                started = jersey;
                if (started == null) {
                    // The provider named, not looked up: the JAX-RS way (ContainerFactory) searches
                    // the class path for every container provider to find this one.
                    started = new JettyHttpContainerProvider().createContainer(JettyHttpContainer.class,
                            resources.get());
                    started.setServer(getServer());
                    started.start();
                    // Managed from now on: it stops with this handler, after the requests in
                    // flight (Jetty stops handlers last), and shows in the server's dump.
                    addBean(started, true);
                    jersey = started;
                }
            }
        }
        return started;
    }

    boolean started() {
        return jersey != null;
    }
}
