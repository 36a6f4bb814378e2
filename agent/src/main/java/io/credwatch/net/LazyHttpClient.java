package io.credwatch.net;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The JDK HTTP client the plain-HTTP checks share (echo services, exchanges), built on first
 * use. Building one loads the TLS stack and the trust store (docs/performance.md): off the
 * start-up path, it is paid by the first check that needs it, on a check
 * thread, and never by a host that has no such check.
 *
 * <p>The client's work runs on the executor it is given: the composition root's two threads
 * for it, which it closes. The JDK's default is a cached pool, which grows with every burst of
 * answers (nine threads for a hundred accounts) and shrinks a minute later: a thread count that
 * wanders is memory a small unit does not have, and hides a real leak. The client's tasks never
 * block (bodies are read by {@link CappedBody} as they arrive), so two are enough.
 */
public final class LazyHttpClient implements Supplier<HttpClient> {

    private final Duration connectTimeout;
    private final Executor executor;
    private volatile HttpClient client;

    public LazyHttpClient(Duration connectTimeout, Executor executor) {
        this.connectTimeout = connectTimeout;
        this.executor = executor;
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
                            .executor(executor)
                            .build();
                    client = built;
                }
            }
        }
        return built;
    }
}
