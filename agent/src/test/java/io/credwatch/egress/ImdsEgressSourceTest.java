package io.credwatch.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.Category;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.imds.Ec2MetadataClient;

class ImdsEgressSourceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private FakeImds imds;
    private Ec2MetadataClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (imds != null) {
            imds.close();
        }
    }

    private ImdsEgressSource source(String publicIp) {
        imds = new FakeImds(publicIp);
        client = imds.client();
        return new ImdsEgressSource(() -> client);
    }

    @Nested
    class WithImdsV2Required {

        @Test
        void readsThePublicIpv4WithASessionToken() throws Exception {
            ImdsEgressSource source = source("203.0.113.7");

            assertEquals("203.0.113.7", source.observe(TIMEOUT));
            assertEquals(1, imds.tokensIssued.get(), "a token was asked for first");
            assertEquals(1, imds.tokensPresented.size());
            assertEquals(imds.token, imds.tokensPresented.get(0), "the GET carried the issued token");
            assertEquals(0, imds.refusedWithoutToken.get());
        }

        @Test
        void reusesTheTokenUntilItExpires() throws Exception {
            ImdsEgressSource source = source("203.0.113.7");

            source.observe(TIMEOUT);
            source.observe(TIMEOUT);

            assertEquals(1, imds.tokensIssued.get());
            assertEquals(2, imds.tokensPresented.size());
        }

        @Test
        void isNamedImdsAndOnlyCorroborates() {
            ImdsEgressSource source = source("203.0.113.7");

            assertEquals("imds", source.name());
            assertFalse(source.seesTraffic());
        }
    }

    @Nested
    class WithoutAPublicIp {

        @Test
        void a404MeansNoPublicIpv4AndSaysWhy() {
            ImdsEgressSource source = source(null);

            EgressSourceException e = assertThrows(EgressSourceException.class, () -> source.observe(TIMEOUT));

            assertEquals(Category.UNAVAILABLE, e.category());
            assertTrue(e.getMessage().contains("no public IPv4"), e.getMessage());
            assertTrue(e.getMessage().contains("NAT"), e.getMessage());
        }

        @Test
        void anAnswerThatIsNotAnIpv4IsABadResponse() {
            ImdsEgressSource source = source("not-an-ip.example.com");

            EgressSourceException e = assertThrows(EgressSourceException.class, () -> source.observe(TIMEOUT));

            assertEquals(Category.BAD_RESPONSE, e.category());
        }
    }

    @Nested
    class WhenImdsIsNotThere {

        @Test
        void aClosedPortIsUnavailableNamingTheCauseNotTheMessage() throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress("127.0.0.1", 0));
                port = s.getLocalPort();
            }
            client = FakeImds.client(URI.create("http://127.0.0.1:" + port));
            ImdsEgressSource source = new ImdsEgressSource(() -> client);

            EgressSourceException e = assertThrows(EgressSourceException.class, () -> source.observe(TIMEOUT));

            assertEquals(Category.UNAVAILABLE, e.category());
            assertTrue(e.getMessage().startsWith("IMDS not reachable (ConnectException)"), e.getMessage());
            assertFalse(e.getMessage().contains("127.0.0.1"), "no client message copied: " + e.getMessage());
        }
    }
}
