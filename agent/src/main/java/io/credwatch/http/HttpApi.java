package io.credwatch.http;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import io.credwatch.check.CheckResults;
import io.credwatch.check.CheckRuns;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face (SPEC "HTTP API"): Jetty on the one configured address, Jersey resources
 * built here from the collaborators they need, JSON for every answer including errors.
 *
 * <p>The handler tree, outermost first; each hands on only what it does not answer itself:
 * <pre>
 * Server (ErrorHandler: JsonErrorHandler, for what Jetty refuses before any handler)
 *  └ GracefulHandler       on stop: 503 to new requests on kept-alive connections, in-flight ones finish
 *     └ SafeHeaders        Cache-Control: no-store, X-Content-Type-Options: nosniff on every answer
 *        └ HostGuard       421 to a Host this API was not reached by (DNS rebinding)
 *           └ DirectRoutes /health, /health/live, /health/ready, /metrics: answered here, never Jersey
 *              └ JerseyOnFirstUse   builds and starts Jersey on the first request that gets here
 *                 └ JettyHttpContainer   Jersey: /checks*, /egress, /fingerprints, /whoami; 404, 405, 406, 415
 * </pre>
 * Jersey runs as a Jetty handler, without a servlet layer: the API uses nothing of the servlet
 * API, and Jersey's own {@code JettyHttpContainerFactory.createServer} is not used because it
 * listens on every interface whatever host it is given.
 */
public final class HttpApi implements AutoCloseable {

    static {
        // Jetty sizes its queues to cache lines, and to learn whether references are compressed
        // it starts the platform MBean server on the first thread pool, before anything can
        // listen (docs/performance.md). The heap is far below 32 GiB, so they are: 16 in a 64-byte line.
        System.getProperties().putIfAbsent("org.eclipse.jetty.util.referencesPerCacheLine", "16");
    }

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    /** A monitoring agent serves a handful of clients; a small pool keeps its footprint small. */
    private static final int MAX_THREADS = 16;
    private static final int MIN_THREADS = 2;
    /**
     * Threads a burst of requests started end this long after it, all at once rather than
     * Jetty's one per timeout, so that the count is back to idle within a scrape interval or
     * two instead of many minutes later (docs/performance.md).
     */
    private static final int THREAD_IDLE_TIMEOUT_MS = 10_000;
    private static final long STOP_TIMEOUT_MS = 2_000;
    /**
     * Monitors keep connections open between scrapes; on stop, those idle ones are closed
     * after this instead of Jetty's default second. A request being handled is not idle and
     * still gets the stop timeout.
     */
    private static final long SHUTDOWN_IDLE_TIMEOUT_MS = 100;
    /**
     * How often the counts of refused requests not yet logged are looked at, so that a flood that
     * stops is counted within this much of its minute (see {@link ClientMistakes}).
     */
    private static final Duration MISTAKES_CHECKED_EVERY = Duration.ofSeconds(10);

    private final Server server;
    private final ServerConnector connector;
    private final JerseyOnFirstUse jersey;
    private final ClientMistakes mistakes;

    public HttpApi(HttpSettings settings, CheckResults results, CheckRuns runs, Views views, Clock clock) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        threads.setName("credwatch-http");
        threads.setIdleTimeout(THREAD_IDLE_TIMEOUT_MS);
        threads.setMaxEvictCount(MAX_THREADS);
        threads.setDaemon(true);
        server = new Server(threads);
        server.setStopTimeout(STOP_TIMEOUT_MS);
        mistakes = new ClientMistakes(clock);
        server.setErrorHandler(new JsonErrorHandler(mistakes));

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // One acceptor and one selector are plenty for loopback monitoring traffic.
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        // Set explicitly: an unset host means every interface (see reference/java-stack.md).
        connector.setHost(settings.bind());
        connector.setPort(settings.port());
        connector.setShutdownIdleTimeout(SHUTDOWN_IDLE_TIMEOUT_MS);
        server.addConnector(connector);

        jersey = new JerseyOnFirstUse(() -> resources(settings, results, runs, views, clock));

        // On stop, the connector waits (up to the stop timeout) for connections in use, and
        // GracefulHandler answers 503 to new requests on kept-alive connections meanwhile.
        Map<String, DirectRoute> direct = new HashMap<>(new HealthRoutes(results).routes());
        views.metrics().ifPresent(metrics -> direct.put("/metrics", metrics));
        server.setHandler(new GracefulHandler(new SafeHeaders(new HostGuard(settings.bind(), mistakes,
                new DirectRoutes(jersey, direct)))));
    }

    private static ResourceConfig resources(HttpSettings settings, CheckResults results, CheckRuns runs, Views views,
                                            Clock clock) {
        ResourceConfig config = new ResourceConfig();
        config.register(new ChecksResource(results, new BearerTokenGuard(settings.bearerToken()),
                new OnDemandRuns(results, runs, settings.runCooldown())));
        config.register(new ViewsResource(views));
        config.register(new WhoamiResource(views.whoami()));
        // Jackson's provider alone, with credwatch's mapper: none of Jackson's exception mappers,
        // which echo parse errors, request text included.
        config.register(new JacksonJsonProvider(JsonMapper.shared()));
        config.register(new ThrowableMapper());
        config.register(new NoOptions());
        config.register(new ErrorBodies());
        config.register(new WholeBodies());
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // Everything is registered above: scanning the classpath for more only costs start time.
        config.property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        config.property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        config.property(ServerProperties.BV_FEATURE_DISABLE, true);
        // Map failures while writing a body too, rather than leaving them to the container.
        config.property(ServerProperties.PROCESSING_RESPONSE_ERRORS_ENABLED, true);
        // A failure Jersey cannot map is sent as a status and left to Jetty's error handler
        // (JsonErrorHandler), rather than written by Jersey as Jetty's default error page.
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        return config;
    }

    /**
     * Loads and initialises what the constructor and {@link #start()} will need (Jetty's server,
     * connector and handler classes), binding nothing: the daemon calls it on a second core while
     * the first reads the configuration. Jersey and Jackson's mapper are left for the first request
     * that needs them (see {@link JerseyOnFirstUse}, {@link JsonBody}).
     */
    public static void preload() {
        Server server = new Server(new QueuedThreadPool(MAX_THREADS, MIN_THREADS));
        new ServerConnector(server, 1, 1, new HttpConnectionFactory(new HttpConfiguration()));
        new GracefulHandler(new SafeHeaders(new JerseyOnFirstUse(() -> {
            throw new IllegalStateException("a preloaded handler is never used");
        })));
    }

    /**
     * Binds and listens.
     *
     * @throws CannotListen the address is not this host's, the port is taken, and the like
     */
    public void start() throws Exception {
        try {
            // Bound before anything else starts, so that a failure here is the address's alone
            // and can be told apart from the server's own; start() keeps the open channel.
            connector.open();
        } catch (IOException e) {
            close();
            throw new CannotListen(connector.getHost(), connector.getPort(), e);
        }
        try {
            server.start();
        } catch (Exception e) {
            close(); // release the threads and whatever part of Jetty did start
            throw e;
        }
        LOG.info("HTTP API listening on {}", uri());
        checkMistakesLater();
    }

    /** Looks at the counts of refused requests again later, on Jetty's scheduler, which stops with the server. */
    private void checkMistakesLater() {
        server.getScheduler().schedule(() -> {
            mistakes.flushDue();
            if (server.isRunning()) {
                checkMistakesLater();
            }
        }, MISTAKES_CHECKED_EVERY);
    }

    /** The address actually listened on; with port 0, the port picked. Meaningful once started. */
    public URI uri() {
        String host = connector.getHost();
        String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create("http://" + literal + ":" + connector.getLocalPort() + "/");
    }

    /** Whether a request has needed Jersey yet (the direct routes never do). */
    boolean jerseyStarted() {
        return jersey.started();
    }

    /**
     * Stops accepting, lets requests in flight finish for up to two seconds, then stops, and logs
     * the counts of refused requests not logged yet.
     */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (TimeoutException e) {
            LOG.warn("HTTP API: requests still running after {} ms were cut off", STOP_TIMEOUT_MS);
        } catch (Exception e) {
            LOG.warn("HTTP API did not stop cleanly: {}", e.getClass().getName());
        }
        mistakes.flushAll();
    }
}
