package io.credwatch.net;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The JDK HTTP client the plain-HTTP checks share (echo services, exchanges), built on first
 * use. Building one loads the TLS stack and the trust store, a fifth of a second on a small
 * instance: off the start-up path, it is paid by the first check that needs it, on a check
 * thread, and never by a host that has no such check.
 *
 * <p>The client's work runs on two threads of its own. The JDK's default is a cached pool,
 * which grows with every burst of answers (nine threads for a hundred accounts) and shrinks
 * a minute later: a thread count that wanders is memory a small unit does not have, and
 * hides a real leak. The client's tasks never block (bodies are read by {@link CappedBody}
 * as they arrive), so two are enough; the queue is unbounded because the client stops its
 * selector when its executor refuses a task (JDK-8277969).
 */
public final class LazyHttpClient implements Supplier<HttpClient> {

    private final Duration connectTimeout;
    private volatile HttpClient client;

    public LazyHttpClient(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    public HttpClient get() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    // Redirects are never followed: an echo service or an exchange that
                    // redirects is misconfigured, and a redirect could carry a signed request
                    // to another host.
                    built = HttpClient.newBuilder()
                            .connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .executor(twoThreads())
                            .build();
                    client = built;
                }
            }
        }
        return built;
    }

    private static Executor twoThreads() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "credwatch-http-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
