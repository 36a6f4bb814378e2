package io.credwatch.http;

import static io.credwatch.http.ApiFixture.contentType;
import static io.credwatch.http.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.credwatch.check.CheckResult;
import io.credwatch.testing.ScriptedCheck;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorResponsesTest {

    private ApiFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private ApiFixture start() throws Exception {
        return start(() -> "egress");
    }

    private ApiFixture start(Supplier<?> egress) throws Exception {
        fixture = ApiFixture.with(new ScriptedCheck("a").answers(CheckResult.ok("fine"))).egress(egress).start();
        return fixture;
    }

    /** The one error shape: exactly status and error, the status repeated. */
    static void assertJsonError(int status, HttpResponse<String> response) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", contentType(response));
        JsonNode body = json(response);
        assertEquals(new TreeSet<>(Set.of("status", "error")), ChecksEndpointsTest.fieldNames(body));
        assertEquals(status, body.path("status").asInt());
        assertFalse(body.path("error").asText().isBlank());
    }

    /** A raw HTTP/1.1 answer split into its status code, headers (lower-cased) and body. */
    record RawResponse(int status, String headers, String body) {
        static RawResponse parse(String raw) {
            int split = raw.indexOf("\r\n\r\n");
            assertTrue(split > 0, raw);
            String head = raw.substring(0, split);
            return new RawResponse(Integer.parseInt(head.substring(9, 12)), head.toLowerCase(), raw.substring(split + 4));
        }
    }

    static void assertRawJsonError(int status, RawResponse response) throws Exception {
        assertEquals(status, response.status(), response.headers());
        assertTrue(response.headers().contains("content-type: application/json"), response.headers());
        JsonNode body = ApiFixture.JSON.readTree(response.body());
        assertEquals(status, body.path("status").asInt());
        assertEquals(new TreeSet<>(Set.of("status", "error")), ChecksEndpointsTest.fieldNames(body));
    }

    @Nested
    class JerseyErrors {

        @Test
        void anUnknownPathIs404JsonThatDoesNotEchoThePath() throws Exception {
            start();

            HttpResponse<String> response = fixture.get("/no-such-path-%3Cscript%3E");

            assertJsonError(404, response);
            assertFalse(response.body().contains("no-such-path"), response.body());
            assertFalse(response.body().contains("script"), response.body());
        }

        @Test
        void theRootIs404Json() throws Exception {
            start();

            assertJsonError(404, fixture.get("/"));
        }

        @Test
        void aWrongMethodOnAPathJettyAnswersItselfIs405JsonWithAllow() throws Exception {
            start();

            for (String path : new String[] {"/health", "/health/live", "/health/ready"}) {
                HttpResponse<String> response = fixture.send(fixture.request(path).DELETE().build());

                assertJsonError(405, response);
                assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElse(""), path);
            }
        }

        @Test
        void aWrongMethodIs405JsonWithAllow() throws Exception {
            start();

            HttpResponse<String> response = fixture.send(fixture.request("/checks")
                    .DELETE().build());

            assertJsonError(405, response);
            assertTrue(response.headers().firstValue("Allow").orElse("").contains("GET"), response.headers().toString());
        }

        @Test
        void getOnTheRunEndpointIs405Json() throws Exception {
            start();

            assertJsonError(405, fixture.get("/checks/a/run"));
        }

        @Test
        void anUnacceptableMediaTypeIs406JsonAnyway() throws Exception {
            start();

            HttpResponse<String> response = fixture.send(fixture.request("/checks")
                    .header("Accept", "text/html").GET().build());

            assertJsonError(406, response);
        }

        @Test
        void askingForHtmlOnAnErrorStillGetsJson() throws Exception {
            start();

            HttpResponse<String> response = fixture.send(fixture.request("/nope")
                    .header("Accept", "text/html").GET().build());

            assertJsonError(404, response);
        }

        /** Jersey answers these with a bare 400, past every exception mapper. */
        @ParameterizedTest(name = "Accept: {0}")
        @ValueSource(strings = {"a/b;q=zz-marker", "///zz-marker", "text/html;zz-marker=\"unclosed"})
        void aMalformedAcceptIs400JsonThatDoesNotEchoIt(String accept) throws Exception {
            start();

            RawResponse response = RawResponse.parse(fixture.raw(
                    "GET /checks HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept + "\r\nConnection: close\r\n\r\n"));

            assertRawJsonError(400, response);
            assertFalse(response.body().contains("zz-marker"), response.body());
        }

        @Test
        void aMalformedContentTypeOnARunIs400JsonAndRunsNothing() throws Exception {
            ScriptedCheck check = new ScriptedCheck("a").answers(CheckResult.ok("fine"));
            fixture = ApiFixture.with(check).start();

            RawResponse response = RawResponse.parse(fixture.raw("POST /checks/a/run HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: ///zz-marker\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"));

            assertRawJsonError(400, response);
            assertFalse(response.body().contains("zz-marker"), response.body());
            assertEquals(0, check.runs());
        }

        @Test
        void anExceptionIs500JsonWithoutItsMessage() throws Exception {
            start(() -> {
                throw new IllegalStateException("secret-detail-from-an-exception");
            });

            HttpResponse<String> response = fixture.get("/egress");

            assertJsonError(500, response);
            assertFalse(response.body().contains("secret-detail"), response.body());
            assertFalse(response.body().contains("IllegalStateException"), response.body());
        }

        @Test
        void aBodyThatCannotBeSerializedIs500JsonWithoutItsMessage() throws Exception {
            start(() -> new Object() {
                public String getValue() {
                    throw new IllegalStateException("secret-detail-from-a-getter");
                }
            });

            HttpResponse<String> response = fixture.get("/egress");

            assertJsonError(500, response);
            assertFalse(response.body().contains("secret-detail"), response.body());
        }
    }

    @Nested
    class JettyErrors {

        @Test
        void aMalformedRequestLineIs400Json() throws Exception {
            start();

            RawResponse response = RawResponse.parse(fixture.raw("THIS IS NOT HTTP\r\n\r\n"));

            assertRawJsonError(400, response);
            assertFalse(response.body().contains("NOT HTTP"), response.body());
        }

        @Test
        void headersTooLargeIs431Json() throws Exception {
            start();
            String huge = "x".repeat(20_000);

            RawResponse response = RawResponse.parse(fixture.raw(
                    "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + huge + "\r\nConnection: close\r\n\r\n"));

            assertRawJsonError(431, response);
        }

        @Test
        void aBadPercentEncodingIs400Json() throws Exception {
            start();

            RawResponse response = RawResponse.parse(fixture.raw(
                    "GET /checks/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));

            assertRawJsonError(400, response);
        }

        @Test
        void anEncodedSlashInThePathIs400Json() throws Exception {
            start();

            HttpResponse<String> response = fixture.get("/checks/a%2F..%2Fb");

            assertJsonError(400, response);
        }

        @Test
        void anErrorPageNeverQuotesTheRequest() throws Exception {
            start();

            RawResponse response = RawResponse.parse(fixture.raw(
                    "GET /checks/%zz<script> HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));

            assertFalse(response.body().contains("script"), response.body());
            assertFalse(response.body().contains("<"), response.body());
        }
    }

    @Nested
    class Headers {

        @Test
        void successesAreNoStoreAndNosniff() throws Exception {
            start();

            assertSafeHeaders(fixture.get("/health/live"));
        }

        @Test
        void jerseyErrorsAreNoStoreAndNosniff() throws Exception {
            start();

            assertSafeHeaders(fixture.get("/nope"));
        }

        @Test
        void jettyErrorsAreNoStoreAndNosniff() throws Exception {
            start();

            RawResponse response = RawResponse.parse(fixture.raw("THIS IS NOT HTTP\r\n\r\n"));

            assertTrue(response.headers().contains("cache-control: no-store"), response.headers());
            assertTrue(response.headers().contains("x-content-type-options: nosniff"), response.headers());
        }

        @Test
        void noServerVersionIsSent() throws Exception {
            start();

            HttpResponse<String> ok = fixture.get("/health/live");
            RawResponse bad = RawResponse.parse(fixture.raw("THIS IS NOT HTTP\r\n\r\n"));

            assertTrue(ok.headers().firstValue("Server").isEmpty(), ok.headers().toString());
            assertTrue(ok.headers().firstValue("X-Powered-By").isEmpty(), ok.headers().toString());
            assertFalse(bad.headers().contains("server:"), bad.headers());
            assertFalse(bad.headers().contains("jetty"), bad.headers());
        }

        private void assertSafeHeaders(HttpResponse<String> response) {
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""),
                    response.headers().toString());
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""),
                    response.headers().toString());
        }
    }

    @Nested
    class HeadRequests {

        @Test
        void headOnAnErrorHasTheStatusAndNoBody() throws Exception {
            start();

            HttpResponse<String> response = fixture.send(fixture.request("/nope")
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

            assertEquals(404, response.statusCode());
            assertEquals("", response.body());
        }
    }
}
