package io.credwatch.egress;

import io.credwatch.awsclient.AwsFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Asks EC2 {@code DescribeAddresses} with the filter {@code public-ip=<ip>}: an answer lists
 * the account's Elastic IP with that address, whether it is associated with this instance or
 * with a NAT gateway's network interface. An empty answer means the IP is not elastic and
 * changes on the next stop/start.
 *
 * <p>The client comes from a supplier that builds it on first use, not before: building one
 * costs start-up time, and a LOCAL agent never needs it. Its owner closes it.
 */
public final class Ec2ElasticIpLookup implements ElasticIpLookup {

    static final String ACTION = "ec2:DescribeAddresses";

    private static final Set<String> DENIED = Set.of("UnauthorizedOperation", "AccessDenied", "AccessDeniedException");

    private final Supplier<Ec2Client> factory;

    public Ec2ElasticIpLookup(Supplier<Ec2Client> ec2) {
        this.factory = Objects.requireNonNull(ec2, "ec2");
    }

    @Override
    public ElasticIpStatus lookup(String publicIp, Duration timeout) {
        long started = System.nanoTime();
        Ec2Client ec2;
        try {
            ec2 = factory.get();
        } catch (RuntimeException e) {
            return ElasticIpStatus.unknown("EC2 client could not be built (" + e.getClass().getSimpleName() + ")");
        }
        // Building the client on first use takes a second on a small instance: it comes out of the budget.
        Duration left = timeout.minusNanos(System.nanoTime() - started);
        Duration bound = left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left;
        try {
            DescribeAddressesResponse response = ec2.describeAddresses(r -> r
                    .filters(Filter.builder().name("public-ip").values(publicIp).build())
                    .overrideConfiguration(o -> o.apiCallTimeout(bound)));
            return response.addresses().stream()
                    .filter(a -> publicIp.equals(a.publicIp()))
                    .findFirst()
                    .map(a -> ElasticIpStatus.elastic(a.allocationId(), associatedWith(a)))
                    .orElseGet(ElasticIpStatus::notElastic);
        } catch (AwsServiceException e) {
            // Classified by the AWS error code; the message can carry an encoded authorization
            // failure that belongs in CloudTrail, not in a health endpoint.
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (code != null && DENIED.contains(code)) {
                return ElasticIpStatus.unknown(ACTION + " denied (" + code + ")");
            }
            if ("AuthFailure".equals(code)) {
                return ElasticIpStatus.unknown(ACTION + " refused: AWS did not accept the credentials (AuthFailure)");
            }
            return ElasticIpStatus.unknown(ACTION + " failed (" + Optional.ofNullable(code).orElse("HTTP " + e.statusCode())
                    + ")");
        } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
            return ElasticIpStatus.unknown(ACTION + " did not answer within " + bound.toMillis() + "ms");
        } catch (SdkException e) {
            return ElasticIpStatus.unknown(ACTION + " failed: " + AwsFailure.of(e, Instant.now()).message());
        }
    }

    private static String associatedWith(Address a) {
        if (a.instanceId() != null && !a.instanceId().isEmpty()) {
            return "instance " + a.instanceId();
        }
        if (a.networkInterfaceId() != null && !a.networkInterfaceId().isEmpty()) {
            return "network interface " + a.networkInterfaceId();
        }
        return "not associated";
    }
}
