package io.credwatch.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.ec2.Ec2Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class Ec2ElasticIpLookupTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final FakeEc2 ec2 = new FakeEc2();
    private final AtomicInteger clientsBuilt = new AtomicInteger();
    private final AtomicReference<Ec2Client> client = new AtomicReference<>();
    private final Ec2ElasticIpLookup lookup = new Ec2ElasticIpLookup(() -> {
        clientsBuilt.incrementAndGet();
        return client.updateAndGet(c -> c == null ? ec2.client() : c);
    });

    @AfterEach
    void stop() {
        if (client.get() != null) {
            client.get().close();
        }
        ec2.close();
    }

    @Nested
    class DescribeAddresses {

        @Test
        void anAddressWithThatPublicIpIsElastic() {
            ec2.elasticIps.put("203.0.113.7", new String[] {"eipalloc-0abc", "i-0123456789abcdef0"});

            ElasticIpStatus status = lookup.lookup("203.0.113.7", TIMEOUT);

            assertEquals(ElasticIpStatus.Kind.ELASTIC, status.kind());
            assertEquals("eipalloc-0abc", status.allocationId());
            assertEquals("instance i-0123456789abcdef0", status.associatedWith());
            assertEquals(Boolean.TRUE, status.detail());
        }

        @Test
        void asksWithThePublicIpFilter() {
            lookup.lookup("203.0.113.7", TIMEOUT);

            Map<String, String> request = ec2.requests.get(0);
            assertEquals("DescribeAddresses", request.get("Action"));
            assertEquals("public-ip", request.get("Filter.1.Name"));
            assertEquals("203.0.113.7", request.get("Filter.1.Value.1"));
        }

        @Test
        void aNatGatewaysElasticIpIsFoundThroughItsNetworkInterface() {
            ec2.elasticIps.put("198.51.100.5", new String[] {"eipalloc-0nat", null});

            ElasticIpStatus status = lookup.lookup("198.51.100.5", TIMEOUT);

            assertEquals(ElasticIpStatus.Kind.ELASTIC, status.kind());
            assertEquals("network interface eni-0123456789abcdef0", status.associatedWith());
        }

        @Test
        void anEmptyAnswerMeansNotElastic() {
            ec2.elasticIps.put("198.51.100.5", new String[] {"eipalloc-0other", null});

            ElasticIpStatus status = lookup.lookup("203.0.113.7", TIMEOUT);

            assertEquals(ElasticIpStatus.Kind.NOT_ELASTIC, status.kind());
            assertEquals(Boolean.FALSE, status.detail());
        }
    }

    @Nested
    class WhenEc2Refuses {

        @Test
        void unauthorizedOperationIsUnknownNamingTheActionAndCode() {
            ec2.errorCode = "UnauthorizedOperation";

            ElasticIpStatus status = lookup.lookup("203.0.113.7", TIMEOUT);

            assertEquals(ElasticIpStatus.Kind.UNKNOWN, status.kind());
            assertEquals("unknown: ec2:DescribeAddresses denied (UnauthorizedOperation)", status.detail());
        }

        @Test
        void theAwsMessageIsNotRepeated() {
            ec2.errorCode = "UnauthorizedOperation";

            ElasticIpStatus status = lookup.lookup("203.0.113.7", TIMEOUT);

            assertFalse(status.reason().contains("arn:aws"), status.reason());
        }

        @Test
        void authFailureIsUnknownToo() {
            ec2.errorCode = "AuthFailure";

            ElasticIpStatus status = lookup.lookup("203.0.113.7", TIMEOUT);

            assertEquals(ElasticIpStatus.Kind.UNKNOWN, status.kind());
            assertTrue(status.reason().contains("AuthFailure"), status.reason());
        }

        @Test
        void aClientThatCannotBeBuiltIsUnknown() {
            Ec2ElasticIpLookup broken = new Ec2ElasticIpLookup(() -> {
                throw SdkClientException.create("Unable to load region");
            });

            ElasticIpStatus status = broken.lookup("203.0.113.7", TIMEOUT);

            assertEquals(ElasticIpStatus.Kind.UNKNOWN, status.kind());
            assertEquals("EC2 client could not be built (SdkClientException)", status.reason());
        }
    }

    @Nested
    class TheClient {

        @Test
        void isNotBuiltBeforeTheFirstLookup() {
            assertEquals(0, clientsBuilt.get());
        }
    }
}
