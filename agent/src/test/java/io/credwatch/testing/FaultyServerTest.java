package io.credwatch.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fault server does each fault as its name says, so a test that passes against it proves something. */
@Timeout(30)
class FaultyServerTest {

    private static final String REQUEST = "POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello";

    private static Socket ask(FaultyServer server) throws IOException {
        URI uri = server.uri();
        Socket s = new Socket(uri.getHost(), uri.getPort());
        s.setSoTimeout(1000);
        s.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().endsWith("\r\n\r\n")) {
            seen.append((char) in.read());
        }
        return seen.toString();
    }

    @Test
    void hangReadsTheRequestAndNeverAnswers() throws Exception {
        try (FaultyServer server = new FaultyServer(Fault.HANG); Socket s = ask(server)) {
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
            assertEquals(1, server.connections());
        }
    }

    @Test
    void resetSendsAnRstAfterTheRequest() throws Exception {
        try (FaultyServer server = new FaultyServer(Fault.RESET); Socket s = ask(server)) {
            SocketException e = assertThrows(SocketException.class, () -> s.getInputStream().read());
            assertTrue(e.getMessage().contains("reset"), e.getMessage());
        }
    }

    @Test
    void dripSendsTheHeadersAtOnceAndTheBodyAByteAtATime() throws Exception {
        try (FaultyServer server = new FaultyServer(Fault.DRIP); Socket s = ask(server)) {
            String head = head(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 200 OK"), head);
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                assertTrue(s.getInputStream().read() >= 0);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofMillis(700)) > 0, "5 bytes in " + took);
        }
    }

    @Test
    void garbageIsNotHttpAndCarriesTheMarker() throws Exception {
        try (FaultyServer server = new FaultyServer(Fault.GARBAGE); Socket s = ask(server)) {
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertFalse(answer.startsWith("HTTP/"), answer);
            assertTrue(answer.contains(FaultyServer.GARBAGE_MARKER), answer);
        }
    }

    @Test
    void status5xxIsA503WithJson() throws Exception {
        try (FaultyServer server = new FaultyServer(Fault.STATUS_5XX)) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, r.statusCode());
            assertTrue(r.body().startsWith("{"), r.body());
        }
    }

    @Test
    void hugeDeclaresFiftyMegabytesAndStopsWhenTheClientCloses() throws Exception {
        try (FaultyServer server = new FaultyServer(Fault.HUGE)) {
            try (Socket s = ask(server)) {
                String head = head(s.getInputStream());
                assertTrue(head.contains("Content-Length: " + FaultyServer.HUGE_BYTES), head);
                assertEquals('{', s.getInputStream().read());
            }
            Thread.sleep(300);
            assertTrue(server.bodyBytesSent() < FaultyServer.HUGE_BYTES, "sent " + server.bodyBytesSent());
        }
    }

    @Test
    void tlsPresentsACertificateTheJdkDoesNotTrust() {
        try (FaultyServer server = new FaultyServer(Fault.TLS)) {
            assertEquals("https", server.uri().getScheme());
            IOException e = assertThrows(IOException.class, () -> HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(server.uri("/x")).build(), HttpResponse.BodyHandlers.ofString()));
            assertTrue(e instanceof SSLHandshakeException || e.getCause() instanceof SSLHandshakeException, e.toString());
        }
    }
}
