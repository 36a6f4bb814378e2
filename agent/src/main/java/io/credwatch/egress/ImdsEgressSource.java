package io.credwatch.egress;

import io.credwatch.check.Category;
import io.credwatch.net.IpAddresses;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /*
     * The SDK reports an HTTP status only inside its exception message, e.g. "The requested
     * metadata at path '...' returned Http code 404" or "Could not retrieve token, 403 error
     * occurred." (DefaultEc2MetadataClient). Only the number is taken from it.
     */
    private static final Pattern STATUS = Pattern.compile("(?:Http code |token, )(\\d{3})");

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
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return new EgressSourceException(Category.TIMEOUT, "IMDS did not answer in time");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new EgressSourceException(Category.UNAVAILABLE,
                        "IMDS not reachable (" + t.getClass().getSimpleName() + "); not on EC2, or IMDS is disabled");
            }
            Matcher m = STATUS.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                int status = Integer.parseInt(m.group(1));
                boolean token = m.group(0).startsWith("token");
                return forStatus(status, token);
            }
        }
        return new EgressSourceException(Category.UNAVAILABLE, "IMDS request failed (" + rootName(e) + ")");
    }

    private static EgressSourceException forStatus(int status, boolean tokenRequest) {
        if (status == 404 && !tokenRequest) {
            return new EgressSourceException(Category.UNAVAILABLE,
                    "no public IPv4 on this instance (IMDS 404): traffic leaves through a NAT gateway, if at all");
        }
        if (tokenRequest) {
            return new EgressSourceException(Category.UNAVAILABLE,
                    "IMDS refused a session token (HTTP " + status + "); IMDS may be disabled for this instance");
        }
        if (status == 401) {
            return new EgressSourceException(Category.UNAVAILABLE, "IMDS refused the session token (HTTP 401)");
        }
        return new EgressSourceException(Category.UNAVAILABLE, "IMDS answered HTTP " + status);
    }

    private static String rootName(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + " caused by " + root.getClass().getSimpleName();
    }
}
