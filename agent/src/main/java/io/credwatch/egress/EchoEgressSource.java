package io.credwatch.egress;

import io.credwatch.check.Category;
import io.credwatch.net.CappedBody;
import io.credwatch.net.IpAddresses;
import io.credwatch.net.NetworkFailure;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A plain-text "what is my IP" service ({@code https://checkip.amazonaws.com}): it sees the
 * address the request really arrived from, so it is what an exchange sees too. The body must
 * be an IP literal and nothing else; it is never resolved as a host name.
 */
public final class EchoEgressSource implements EgressSource {

    /** The longest IPv6 text is 45 characters; anything much longer is not an echo answer. */
    static final int MAX_BODY_BYTES = 256;

    private final Supplier<HttpClient> http;
    private final URI url;
    private final String name;

    /** @param http called on the first observation, so an unused client is never built */
    public EchoEgressSource(Supplier<HttpClient> http, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("an echo source is an http(s) URL with a host");
        }
        this.http = http;
        this.url = url;
        this.name = safeName(url);
    }

    /**
     * The URL as it is shown: without user info or query, which is where a token for a paid
     * echo service would be.
     */
    static String safeName(URI url) {
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return url.getScheme() + "://" + url.getHost();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean seesTraffic() {
        return true;
    }

    @Override
    public String observe(Duration timeout) throws EgressSourceException, InterruptedException {
        Duration bound = timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout;
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(bound)
                .header("Accept", "text/plain")
                .header("User-Agent", "credwatch")
                .GET()
                .build();
        CompletableFuture<HttpResponse<CappedBody.Bytes>> call = http.get().sendAsync(request, CappedBody.handler(MAX_BODY_BYTES));
        HttpResponse<CappedBody.Bytes> response;
        try {
            // The request timeout covers the wait for headers only; this bounds the body too.
            response = call.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new EgressSourceException(Category.TIMEOUT, "no answer within " + bound.toMillis() + "ms");
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw classify(e.getCause());
        }
        int status = response.statusCode();
        if (status != 200) {
            throw new EgressSourceException(Category.UNAVAILABLE, "HTTP " + status);
        }
        CappedBody.Bytes body = response.body();
        if (body.truncated()) {
            throw new EgressSourceException(Category.BAD_RESPONSE,
                    "answer longer than " + MAX_BODY_BYTES + " bytes; not an IP address");
        }
        String text = new String(body.bytes(), StandardCharsets.US_ASCII).trim();
        Optional<InetAddress> ip = IpAddresses.parse(text);
        if (ip.isEmpty()) {
            String type = response.headers().firstValue("Content-Type").orElse("no content type");
            throw new EgressSourceException(Category.BAD_RESPONSE,
                    "answer is not an IP address (" + type + ", " + body.bytes().length + " bytes)");
        }
        return ip.get().getHostAddress();
    }

    private static EgressSourceException classify(Throwable t) {
        NetworkFailure failure = NetworkFailure.classify(t);
        return new EgressSourceException(Category.valueOf(failure.kind().name()), failure.message());
    }
}
