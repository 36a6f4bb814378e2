package io.credwatch.egress;

import io.credwatch.awsclient.ImdsFailure;
import io.credwatch.check.Category;
import io.credwatch.net.IpAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.imds.Ec2MetadataClient;

/**
 * The instance's public IPv4 as the instance metadata service knows it
 * ({@code /latest/meta-data/public-ipv4}), read through the SDK's IMDSv2 client, which asks
 * for a session token first. It is the Elastic IP when one is associated, and absent (404) on
 * an instance without a public IP, e.g. in a private subnet behind a NAT gateway. It shows the
 * instance's address, not necessarily the one traffic leaves from, so it only corroborates.
 *
 * <p>The client's HTTP timeouts and retries are set where it is built; the check stops waiting
 * for this source at its own deadline either way.
 */
public final class ImdsEgressSource implements EgressSource {

    static final String PATH = "/latest/meta-data/public-ipv4";

    private final Supplier<Ec2MetadataClient> imds;

    /** @param imds called on the first observation, so an unused client is never built */
    public ImdsEgressSource(Supplier<Ec2MetadataClient> imds) {
        this.imds = imds;
    }

    @Override
    public String name() {
        return "imds";
    }

    @Override
    public boolean seesTraffic() {
        return false;
    }

    @Override
    public String observe(Duration timeout) throws EgressSourceException, InterruptedException {
        String body;
        try {
            body = imds.get().get(PATH).asString();
        } catch (SdkException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            throw classify(e);
        }
        Optional<InetAddress> ip = IpAddresses.parse(body == null ? "" : body.trim());
        if (ip.isEmpty() || !(ip.get() instanceof Inet4Address)) {
            throw new EgressSourceException(Category.BAD_RESPONSE,
                    "IMDS public-ipv4 is not an IPv4 address (" + (body == null ? 0 : body.length()) + " characters)");
        }
        return ip.get().getHostAddress();
    }

    static EgressSourceException classify(SdkException e) {
        ImdsFailure failure = ImdsFailure.of(e);
        return new EgressSourceException(failure.category(), failure.message());
    }
}
