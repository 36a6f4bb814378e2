package io.credwatch.aws;

import com.sun.net.httpserver.HttpExchange;
import io.credwatch.testing.Loopback;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/**
 * IMDS with an instance profile: the token, the role list and the role's credentials, as an
 * instance serves them. IMDSv2 is required unless {@link #v1Enabled} is set, in which case a
 * GET without a token is answered too, as on an instance with the v1 default left on.
 */
public final class FakeInstanceMetadata extends Loopback {

    public final String token = "AQAEA" + UUID.randomUUID();
    public volatile String role = "trading-bot-role";
    public volatile boolean v1Enabled;
    public volatile String accessKeyId = "ASIAIMDSROLEKEY00001";
    public volatile String secret = "imdsRoleSecret0000000000000000000000000001";
    public volatile String sessionToken = "imdsSessionToken0001";
    public volatile Instant expiration = Instant.now().plusSeconds(6 * 3600);
    /** Anything but 200 breaks the role's credentials, as a detached or misconfigured profile does. */
    public volatile int credentialsStatus = 200;

    public FakeInstanceMetadata() {
        server.createContext("/latest/api/token", ex -> {
            if (!"PUT".equals(ex.getRequestMethod())
                    || ex.getRequestHeaders().getFirst("X-aws-ec2-metadata-token-ttl-seconds") == null) {
                send(ex, 400, "text/plain", "");
                return;
            }
            ex.getResponseHeaders().set("X-aws-ec2-metadata-token-ttl-seconds",
                    ex.getRequestHeaders().getFirst("X-aws-ec2-metadata-token-ttl-seconds"));
            send(ex, 200, "text/plain", token);
        });
        server.createContext("/latest/meta-data/", this::metadata);
        start();
    }

    private void metadata(HttpExchange ex) throws IOException {
        String presented = ex.getRequestHeaders().getFirst("X-aws-ec2-metadata-token");
        if (!token.equals(presented) && !v1Enabled) {
            send(ex, 401, "text/plain", "");
            return;
        }
        String path = ex.getRequestURI().getPath();
        String roles = "/latest/meta-data/iam/security-credentials/";
        if (path.equals("/latest/meta-data/")) {
            send(ex, 200, "text/plain", "ami-id\niam/\ninstance-id\n");
        } else if (path.equals(roles) && role != null) {
            send(ex, 200, "text/plain", role);
        } else if (role != null && path.equals(roles + role) && credentialsStatus != 200) {
            send(ex, credentialsStatus, "text/plain", "");
        } else if (role != null && path.equals(roles + role)) {
            send(ex, 200, "text/plain", """
                    {"Code":"Success","LastUpdated":"%s","Type":"AWS-HMAC","AccessKeyId":"%s",
                     "SecretAccessKey":"%s","Token":"%s","Expiration":"%s"}""".formatted(
                    Instant.now(), accessKeyId, secret, sessionToken, expiration));
        } else {
            send(ex, 404, "text/html", "<?xml version=\"1.0\"?><html><body>404 - Not Found</body></html>");
        }
    }
}
