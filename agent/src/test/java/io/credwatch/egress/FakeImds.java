package io.credwatch.egress;

import io.credwatch.testing.Loopback;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.imds.Ec2MetadataClient;

/**
 * An instance metadata service with IMDSv2 required: {@code PUT /latest/api/token} (with a TTL
 * header) issues a token, and {@code GET /latest/meta-data/public-ipv4} answers only with it,
 * 401 otherwise. Without a public IP the GET answers 404, as on an instance in a private subnet.
 */
final class FakeImds extends Loopback {

    final String token = "AQAEA" + UUID.randomUUID();
    final AtomicInteger tokensIssued = new AtomicInteger();
    final AtomicInteger refusedWithoutToken = new AtomicInteger();
    final List<String> tokensPresented = new CopyOnWriteArrayList<>();
    volatile String publicIpv4;

    FakeImds(String publicIpv4) {
        this.publicIpv4 = publicIpv4;
        server.createContext("/latest/api/token", ex -> {
            String ttl = ex.getRequestHeaders().getFirst("X-aws-ec2-metadata-token-ttl-seconds");
            if (!"PUT".equals(ex.getRequestMethod()) || ttl == null) {
                send(ex, 400, "text/plain", "");
                return;
            }
            tokensIssued.incrementAndGet();
            ex.getResponseHeaders().set("X-aws-ec2-metadata-token-ttl-seconds", ttl);
            send(ex, 200, "text/plain", token);
        });
        server.createContext("/latest/meta-data/public-ipv4", ex -> {
            String presented = ex.getRequestHeaders().getFirst("X-aws-ec2-metadata-token");
            if (presented == null || !presented.equals(token)) {
                refusedWithoutToken.incrementAndGet();
                send(ex, 401, "text/plain", "");
                return;
            }
            tokensPresented.add(presented);
            String ip = this.publicIpv4;
            if (ip == null) {
                send(ex, 404, "text/html", "<?xml version=\"1.0\"?><html><body>404 - Not Found</body></html>");
            } else {
                send(ex, 200, "text/plain", ip);
            }
        });
        start();
    }

    /** The SDK's own IMDS client, as the agent builds it, pointed here. */
    Ec2MetadataClient client() {
        return client(uri(""));
    }

    static Ec2MetadataClient client(URI endpoint) {
        return Ec2MetadataClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(1))
                        .socketTimeout(Duration.ofSeconds(2))
                        .build())
                .retryPolicy(p -> p.numRetries(0))
                .endpoint(endpoint)
                .build();
    }
}
