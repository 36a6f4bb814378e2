package io.credwatch.http;

import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Jersey, started by the first request that needs it rather than with the server. Jetty starts
 * a servlet given as an instance together with the server; Jersey's start costs about 0.35 s
 * here, which a host polled only on the direct routes ({@code /health}, {@code /metrics}) never
 * pays at all, and no other host before it answers its supervisor.
 */
final class JerseyOnFirstUse extends GenericServlet {

    private final Supplier<ResourceConfig> resources;
    private volatile ServletContainer jersey;

    /** @param resources called once, by the first request; even building the configuration loads Jersey */
    JerseyOnFirstUse(Supplier<ResourceConfig> resources) {
        this.resources = resources;
    }

    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        jersey().service(request, response);
    }

    private ServletContainer jersey() throws ServletException {
        ServletContainer started = jersey;
        if (started == null) {
            synchronized (this) {
                started = jersey;
                if (started == null) {
                    started = new ServletContainer(resources.get());
                    started.init(getServletConfig());
                    jersey = started;
                }
            }
        }
        return started;
    }

    boolean started() {
        return jersey != null;
    }

    @Override
    public void destroy() {
        ServletContainer started = jersey;
        if (started != null) {
            started.destroy();
        }
    }
}
