package io.credwatch.net;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The JDK HTTP client the plain-HTTP checks share (echo services, exchanges), built on first
 * use. Building one loads the TLS stack and the trust store, a fifth of a second on a small
 * instance: off the start-up path, it is paid by the first check that needs it, on a check
 * thread, and never by a host that has no such check.
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
                            .build();
                    client = built;
                }
            }
        }
        return built;
    }
}
