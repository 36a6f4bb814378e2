package io.credwatch.http;

import static io.credwatch.http.ErrorResponsesTest.assertRawJsonError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.credwatch.check.CheckResult;
import io.credwatch.http.ErrorResponsesTest.RawResponse;
import io.credwatch.testing.ScriptedCheck;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * What a hostile or broken client can send the API on loopback: a foreign Host (DNS
 * rebinding), traversal paths, methods the API does not serve, bodies a run does not take,
 * oversized request lines and header sets. Each answer is a JSON 4xx in the API's one error
 * shape (505 for an HTTP version other than 1.0 and 1.1), never a stack trace or the request
 * repeated back; nothing runs, and a flood of them leaves a few log lines, not one each.
 */
@Timeout(60)
class HostileRequestsTest {

    static final String TOKEN = "hostile-test-token-5b4a3c2d1e";
    /** Put in requests so that a reply repeating the request is caught. */
    static final String MARKER = "zz-echo-marker-71";

    private ApiFixture fixture;
    private ScriptedCheck check;

    @BeforeEach
    void start() throws Exception {
        check = new ScriptedCheck("a").answers(CheckResult.ok("fine"));
        fixture = ApiFixture.with(check).token(TOKEN).start();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private RawResponse send(String requestLineAndHeaders) throws Exception {
        return RawResponse.parse(fixture.raw(requestLineAndHeaders + "Connection: close\r\n\r\n"));
    }

    private String port() {
        return String.valueOf(fixture.api.uri().getPort());
    }

    /** A JSON 4xx with the API's error shape that repeats nothing the client sent. */
    static void assertRefused(int status, RawResponse response, String... notRepeated) throws Exception {
        assertRawJsonError(status, response);
        String whole = response.headers() + response.body();
        for (String sent : notRepeated) {
            assertFalse(whole.contains(sent.toLowerCase()) || response.body().contains(sent), () -> "repeats " + sent
                    + ": " + whole);
        }
        assertFalse(response.body().contains("Exception") || response.body().contains("\tat "), response.body());
    }

    /** The Allow header's value, lower-cased; empty when there is none. */
    static String allow(RawResponse response) {
        return response.headers().lines().filter(l -> l.startsWith("allow: ")).map(l -> l.substring(7))
                .findFirst().orElse("");
    }

    @Nested
    class ForeignHost {

        @ParameterizedTest(name = "Host: {0}")
        @ValueSource(strings = {"evil.example", "evil.example:PORT", "localhost.evil.example", "127.0.0.1.nip.io",
                "0.0.0.0:PORT", "10.0.0.5", "[::]:PORT"})
        void aNameOrAddressOtherThanLoopbackIs421(String host) throws Exception {
            RawResponse response = send("GET /checks HTTP/1.1\r\nHost: " + host.replace("PORT", port()) + "\r\n");

            assertRefused(421, response, "evil", "nip.io");
            assertTrue(response.body().contains("DNS rebinding"), response.body());
        }

        @Test
        void aRunFromAForeignHostIsRefusedBeforeAnythingRunsEvenWithTheToken() throws Exception {
            RawResponse response = send("POST /checks/a/run HTTP/1.1\r\nHost: evil.example:" + port()
                    + "\r\nAuthorization: Bearer " + TOKEN + "\r\nContent-Length: 0\r\n");

            assertRefused(421, response, TOKEN);
            assertEquals(0, check.runs());
        }

        @ParameterizedTest(name = "Host: {0}")
        @ValueSource(strings = {"localhost", "localhost:PORT", "LocalHost:PORT", "127.0.0.1:PORT", "127.0.0.1",
                "[::1]:PORT"})
        void loopbackNamesAreServed(String host) throws Exception {
            RawResponse response = send("GET /health/live HTTP/1.1\r\nHost: " + host.replace("PORT", port()) + "\r\n");

            assertEquals(200, response.status(), response.headers());
        }

        @Test
        void http10WithoutHostIsServedAsNoBrowserSendsIt() throws Exception {
            assertEquals(200, RawResponse.parse(fixture.raw("GET /health/live HTTP/1.0\r\n\r\n")).status());
        }

        @Test
        void onAnotherAddressIpLiteralsAndLocalhostPassAndNamesDoNot() {
            HostGuard guard = new HostGuard("10.0.0.5", new ClientMistakes(fixture.clock), null);

            assertTrue(guard.accepts("10.0.0.5"));
            assertTrue(guard.accepts("203.0.113.7"));
            assertTrue(guard.accepts("localhost"));
            assertFalse(guard.accepts("evil.example"));
        }

        @Test
        void theHostPartOfAnAuthority() {
            assertEquals("::1", HostGuard.hostOnly("[::1]:9797"));
            assertEquals("localhost", HostGuard.hostOnly("localhost:9797"));
            assertEquals("::1", HostGuard.hostOnly("::1"));
            assertEquals("evil.example", HostGuard.hostOnly("evil.example"));
        }
    }

    @Nested
    class Traversal {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"/checks/../../etc/passwd", "/../../etc/passwd", "/checks/%2e%2e/%2e%2e/etc/passwd",
                "/checks/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/checks/..%2f..%2fetc", "/checks/..%5c..%5cetc%5cpasswd",
                "/checks/..;/..;/etc/passwd", "/checks/%00", "/checks/a%00.json", "/checks/%252e%252e%252fetc",
                "/checks/..%c0%af..%c0%afetc", "//etc/passwd", "/checks//../../etc/passwd"})
        void aTraversalIsAJson4xxAndNeverAFile(String path) throws Exception {
            RawResponse response = send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n");

            assertTrue(response.status() >= 400 && response.status() < 500, response.status() + " " + response.body());
            assertRefused(response.status(), response, "passwd", "etc");
            assertFalse(response.body().contains("root:"), response.body());
        }
    }

    @Nested
    class Methods {

        @Test
        void anUnknownMethodIs405JsonOfferingWhatThePathServes() throws Exception {
            RawResponse response = send("FOO /health HTTP/1.1\r\nHost: localhost\r\n");

            assertRefused(405, response, "FOO");
            assertTrue(allow(response).contains("get"), response.headers());
            assertFalse(allow(response).contains("options"), response.headers());
        }

        @Test
        void traceIs405AndNeverEchoesTheRequestAndItsCredentials() throws Exception {
            RawResponse response = send("TRACE /checks HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nX-Marker: " + MARKER + "\r\n");

            assertRefused(405, response, TOKEN, MARKER);
        }

        @ParameterizedTest(name = "OPTIONS {0}")
        @ValueSource(strings = {"/health", "/checks", "/checks/a/run", "/egress"})
        void optionsIs405JsonWithoutOfferingOptions(String path) throws Exception {
            RawResponse response = send("OPTIONS " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Origin: http://evil.example\r\nAccess-Control-Request-Method: POST\r\n");

            assertRefused(405, response, "evil");
            assertFalse(response.headers().contains("access-control-allow"), response.headers());
            assertFalse(allow(response).isEmpty(), response.headers());
            assertFalse(allow(response).contains("options"), response.headers());
        }

        @Test
        void optionsOnTheServerItselfIsAJson4xx() throws Exception {
            RawResponse response = send("OPTIONS * HTTP/1.1\r\nHost: localhost\r\n");

            assertTrue(response.status() >= 400 && response.status() < 500, response.headers());
            assertRefused(response.status(), response);
        }

        @Test
        void connectIsAJson400() throws Exception {
            assertRefused(400, send("CONNECT localhost:22 HTTP/1.1\r\nHost: localhost\r\n"));
        }
    }

    @Nested
    class RunBodies {

        private RawResponse post(String contentType, String body) throws Exception {
            return send("POST /checks/a/run HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN + "\r\n"
                    + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "text/xml", "application/octet-stream"})
        void aBodyOfAnotherTypeIs415AndRunsNothing(String type) throws Exception {
            assertRefused(415, post(type, "check=a&" + MARKER), MARKER);
            assertEquals(0, check.runs());
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"{\"check\": \"a\", \"m\": \"" + MARKER + "\"", "not json " + MARKER,
                "[\"" + MARKER + "\"]", "{\"force\": \"" + MARKER + "\"}", "null", "\"" + MARKER + "\""})
        void aJsonBodyOtherThanAnEmptyObjectIs400AndRunsNothing(String body) throws Exception {
            RawResponse response = post("application/json", body);

            assertRefused(400, response, MARKER);
            assertTrue(response.body().contains("a run takes no body"), response.body());
            assertEquals(0, check.runs());
        }

        @Test
        void noBodyOrAnEmptyObjectRuns() throws Exception {
            assertEquals(200, post(null, "").status());
            assertEquals(200, post("application/json", " { } \n").status());
            assertEquals(2, check.runs());
        }

        @Test
        void withoutTheTokenTheBodyIsNotEvenLookedAt() throws Exception {
            RawResponse response = send("POST /checks/a/run HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 9\r\n\r\n{garbage ");

            assertRefused(401, response, "garbage");
        }

        @Test
        void tenMegabytesDeclaredIs413UnreadAndRunsNothing() throws Exception {
            byte[] head = ("POST /checks/a/run HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + (10 << 20)
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

            RawResponse response = RawResponse.parse(fixture.raw(concat(head, filled(10 << 20))));

            assertRefused(413, response);
            assertEquals(0, check.runs());
        }

        @Test
        void tenMegabytesChunkedIs413AndRunsNothing() throws Exception {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("POST /checks/a/run HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/json\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 10; i++) {
                request.writeBytes("100000\r\n".getBytes(StandardCharsets.ISO_8859_1));
                request.writeBytes(filled(1 << 20));
                request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

            RawResponse response = RawResponse.parse(fixture.raw(request.toByteArray()));

            assertRefused(413, response);
            assertEquals(0, check.runs());
        }

        private static byte[] filled(int size) {
            byte[] body = new byte[size];
            Arrays.fill(body, (byte) '[');
            return body;
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] all = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }

    @Nested
    class Oversized {

        @Test
        void aHugeQueryStringIs414Json() throws Exception {
            String query = ("a=" + MARKER + "&").repeat(5_000);

            assertRefused(414, send("GET /health?" + query + " HTTP/1.1\r\nHost: localhost\r\n"), MARKER);
        }

        @Test
        void aQueryStringThatFitsIsIgnored() throws Exception {
            RawResponse response = send("GET /health/live?" + ("a=" + MARKER + "&").repeat(100)
                    + " HTTP/1.1\r\nHost: localhost\r\n");

            assertEquals(200, response.status());
            assertFalse(response.body().contains(MARKER), response.body());
        }

        @Test
        void thousandsOfHeadersAre431Json() throws Exception {
            StringBuilder headers = new StringBuilder();
            for (int i = 0; i < 3_000; i++) {
                headers.append("X-H").append(i).append(": ").append(MARKER).append("\r\n");
            }

            assertRefused(431, send("GET /health HTTP/1.1\r\nHost: localhost\r\n" + headers), MARKER);
        }

        @Test
        void oneHeaderRepeatedThousandsOfTimesIs431Json() throws Exception {
            String cookie = ("Cookie: " + MARKER + "=1\r\n").repeat(3_000);

            assertRefused(431, send("GET /health HTTP/1.1\r\nHost: localhost\r\n" + cookie), MARKER);
        }
    }

    /**
     * Issue 21: 3,000 requests with {@code Host: localhost:abc} wrote 3,000 WARN lines in a
     * second, each quoting the client. Refusals of what a client sent are logged at most once a
     * minute per kind, with a count of the rest, and never with anything the client sent; every
     * answer stays the JSON refusal it was.
     */
    @Nested
    class Floods {

        /** Put in every flood request but the bad port's, whose own text ({@code abc}) is watched too. */
        static final String CANARY = "zz-flood-canary-93";
        static final String BAD_PORT = "GET /health HTTP/1.1\r\nHost: localhost:abc\r\n";
        static final int BAD_PORTS = 3_000;
        static final int EACH_OTHER = 50;

        /** A request a client got wrong, the answer it gets, and the kind it is logged as. */
        record Mistake(String request, int status, String kind) {
        }

        static final List<Mistake> OTHERS = List.of(
                new Mistake("GET /health HTTP/1.1\r\nHost: localhost\r\nHost: " + CANARY + "\r\n", 400, "BAD_HOST"),
                new Mistake("GET /health HTTP/1.1\r\nHost: " + CANARY + ".example\r\n", 421, "FOREIGN_HOST"),
                new Mistake("GET /health HTTP/1.1\r\nHost: localhost\r\nX " + CANARY + ": 1\r\n", 400, "MALFORMED"),
                new Mistake("GET /" + CANARY + "\u0001 HTTP/1.1\r\nHost: localhost\r\n", 400, "MALFORMED"),
                new Mistake("GET /checks/{" + CANARY + "} HTTP/1.1\r\nHost: localhost\r\n", 400, "BAD_TARGET"),
                new Mistake("GET http://" + CANARY + ":abc/health HTTP/1.1\r\nHost: localhost\r\n", 400, "BAD_TARGET"),
                new Mistake("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + CANARY.repeat(1_000) + "\r\n", 431,
                        "TOO_LARGE"),
                new Mistake("GET /" + CANARY + " HTTP/1.7\r\nHost: localhost\r\n", 505, "NOT_HTTP_1"));

        private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

        @BeforeEach
        void capture() {
            logs.start();
            root.addAppender(logs);
        }

        @AfterEach
        void release() {
            root.detachAppender(logs);
        }

        private void flood() throws Exception {
            for (int i = 0; i < BAD_PORTS; i++) {
                assertRefused(400, send(BAD_PORT), "abc");
            }
            for (Mistake mistake : OTHERS) {
                for (int i = 0; i < EACH_OTHER; i++) {
                    assertRefused(mistake.status(), send(mistake.request()), "abc", CANARY);
                }
            }
        }

        /** What a journal would get of an event: its message and any exception's class and message. */
        private static String text(ILoggingEvent event) {
            StringBuilder text = new StringBuilder(event.getLoggerName()).append(": ").append(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append(" / ").append(t.getClassName()).append(": ").append(t.getMessage());
            }
            return text.toString();
        }

        private List<String> lines() {
            return logs.list.stream().map(Floods::text).toList();
        }

        private static String shown(List<String> lines) {
            return lines.size() + " lines, first ones:\n" + lines.stream().limit(10).collect(Collectors.joining("\n"));
        }

        @Test
        void aFloodOfBadRequestsIsOneLinePerKindThatQuotesNothingTheClientSent() throws Exception {
            flood();
            List<String> lines = lines();

            List<String> kinds = OTHERS.stream().map(Mistake::kind).distinct().toList();
            assertTrue(lines.size() <= kinds.size(), () -> shown(lines));
            for (String kind : kinds) {
                assertEquals(1, lines.stream().filter(l -> l.contains("[" + kind + "]")).count(), () -> kind + ": "
                        + shown(lines));
            }
            for (String line : lines) {
                assertFalse(line.contains("abc") || line.contains(CANARY), line);
            }
        }

        @Test
        void aMinuteLaterTheCountOfThoseNotLoggedIsLogged() throws Exception {
            flood();
            logs.list.clear();

            fixture.clock.advance(Duration.ofSeconds(61));
            assertRefused(400, send(BAD_PORT), "abc");

            // Every BAD_HOST refusal but the first, logged: the bad ports and the repeated Hosts.
            long notLogged = BAD_PORTS + EACH_OTHER - 1;
            List<String> lines = lines();
            assertTrue(lines.stream().anyMatch(l -> l.contains("[BAD_HOST]") && l.contains(notLogged + " more")),
                    () -> shown(lines));
            assertTrue(lines.size() <= 2, () -> shown(lines));
        }

        @Test
        void onStopTheCountsNotYetLoggedAreLogged() throws Exception {
            for (int i = 0; i < 100; i++) {
                assertRefused(400, send(BAD_PORT), "abc");
            }

            fixture.api.close();

            List<String> lines = lines();
            assertTrue(lines.stream().anyMatch(l -> l.contains("[BAD_HOST]") && l.contains("99 more")), () -> shown(lines));
        }
    }
}
