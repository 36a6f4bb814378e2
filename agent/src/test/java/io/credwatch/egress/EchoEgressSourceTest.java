package io.credwatch.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.Category;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every test is bounded: a check or source that hangs must fail the test, not the build. */
@Timeout(10)
class EchoEgressSourceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final FakeEcho echo = new FakeEcho();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stop() {
        echo.close();
    }

    private EgressSourceException failure(URI url, Duration timeout) {
        EchoEgressSource source = new EchoEgressSource(() -> http, url);
        return assertThrows(EgressSourceException.class, () -> source.observe(timeout));
    }

    @Nested
    class AGoodAnswer {

        @Test
        void isTheTrimmedIpLiteral() throws Exception {
            EchoEgressSource source = new EchoEgressSource(() -> http, echo.ip("a", "203.0.113.7"));

            assertEquals("203.0.113.7", source.observe(TIMEOUT));
            assertTrue(source.seesTraffic());
        }

        @Test
        void anIpv6AnswerIsNormalised() throws Exception {
            EchoEgressSource source = new EchoEgressSource(() -> http, echo.ip("v6", "2001:DB8:0:0:0:0:0:1"));

            assertEquals("2001:db8:0:0:0:0:0:1", source.observe(TIMEOUT));
        }
    }

    @Nested
    class ABadAnswer {

        @Test
        void garbageIsABadResponseWithoutQuotingTheBody() {
            EgressSourceException e = failure(echo.uri("/garbage"), TIMEOUT);

            assertEquals(Category.BAD_RESPONSE, e.category());
            assertTrue(e.getMessage().contains("not an IP address (text/html"), e.getMessage());
            assertTrue(!e.getMessage().contains("somewhere"), e.getMessage());
        }

        @Test
        void aHostNameIsABadResponseAndNeverResolved() {
            EgressSourceException e = failure(echo.uri("/hostname"), TIMEOUT);

            assertEquals(Category.BAD_RESPONSE, e.category());
        }

        @Test
        void http500IsUnavailableWithTheStatus() {
            EgressSourceException e = failure(echo.uri("/500"), TIMEOUT);

            assertEquals(Category.UNAVAILABLE, e.category());
            assertEquals("HTTP 500", e.getMessage());
        }

        @Test
        void aHugeBodyIsCutAfterAFewHundredBytes() {
            long start = System.nanoTime();
            EgressSourceException e = failure(echo.uri("/huge"), TIMEOUT);

            assertEquals(Category.BAD_RESPONSE, e.category());
            assertTrue(e.getMessage().contains("longer than 256 bytes"), e.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(TIMEOUT) < 0, "not read to the end");
        }
    }

    @Nested
    class AHungService {

        @Test
        void isCutAtTheTimeout() {
            Duration timeout = Duration.ofMillis(300);
            long start = System.nanoTime();

            EgressSourceException e = failure(echo.uri("/hang"), timeout);

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(Category.TIMEOUT, e.category());
            assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "took " + took);
        }

        @Test
        void thatSendsHeadersThenNothingIsCutAtTheTimeoutToo() {
            Duration timeout = Duration.ofMillis(300);
            long start = System.nanoTime();

            EgressSourceException e = failure(echo.uri("/hang-body"), timeout);

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(Category.TIMEOUT, e.category());
            assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "took " + took);
        }
    }

    @Nested
    class ItsName {

        @Test
        void leavesOutUserInfoAndQuery() {
            EchoEgressSource source = new EchoEgressSource(() -> http,
                    URI.create("https://user:pw@ipinfo.example.com:8443/ip?token=abc123"));

            assertEquals("https://ipinfo.example.com:8443/ip", source.name());
        }

        @Test
        void refusesAUrlThatIsNotHttp() {
            assertThrows(IllegalArgumentException.class, () -> new EchoEgressSource(() -> http, URI.create("ftp://x/")));
        }
    }
}
