package io.credwatch.awsclient;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.testing.Fault;
import io.credwatch.testing.FaultyServer;
import io.credwatch.testing.Loopback;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The whole-answer bound against servers that answer at once and then send the body slowly or
 * not at all, through the SDK's URLConnection client as the IMDS client uses it.
 */
@Timeout(30)
class BoundedHttpClientTest {

    static final Duration WITHIN = Duration.ofMillis(500);
    /** One drip, a thread's wake-up and a loaded machine. */
    static final Duration SLACK = Duration.ofMillis(500);

    /** The alarms' timer, a single thread as the composition root's is: a task it runs late shows it was held. */
    final ScheduledExecutorService alarms = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-alarms");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stopAlarms() {
        alarms.shutdownNow();
    }

    BoundedHttpClient client(Duration socketTimeout) {
        return new BoundedHttpClient(UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(1))
                .socketTimeout(socketTimeout)
                .build(), 64 << 10, Optional.of(WITHIN), alarms);
    }

    static InputStream body(BoundedHttpClient client, URI uri) throws Exception {
        HttpExecuteResponse response = client.prepareRequest(HttpExecuteRequest.builder()
                .request(SdkHttpFullRequest.builder().uri(uri).method(SdkHttpMethod.GET).build())
                .build()).call();
        return response.responseBody().orElseThrow();
    }

    @Nested
    class ABodyThatDrips {

        /**
         * The reader gets a byte every 200 ms and starts its next read at once: the alarm must
         * not wait for it to let go of the stream, and the stream closed under it must not
         * read as the end of the answer.
         */
        @RepeatedTest(5)
        void isCutAtTheBoundAsATimeoutNeverTakenForTheWholeAnswer() throws Exception {
            try (FaultyServer server = new FaultyServer(Fault.DRIP);
                 BoundedHttpClient client = client(WITHIN.multipliedBy(2))) {
                long started = System.nanoTime();
                InputStream body = body(client, server.uri("/latest/api/token"));

                assertThrows(SocketTimeoutException.class, body::readAllBytes);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertTrue(took.compareTo(WITHIN.plus(SLACK)) < 0, "took " + took);
            }
        }
    }

    @Nested
    class ABodyThatStops {

        /**
         * The read waiting for a byte that never comes ends only at the socket timeout (nothing
         * else can close the stream while it waits), but the timer the alarm rang on is free
         * for every other alarm meanwhile.
         */
        @Test
        void leavesTheAlarmsTimerFreeWhileTheReadWaitsForItsSocketTimeout() throws Exception {
            Duration socketTimeout = Duration.ofSeconds(3);
            try (Stalling server = new Stalling(); BoundedHttpClient client = client(socketTimeout)) {
                long started = System.nanoTime();
                InputStream body = body(client, server.uri("/latest/api/token"));
                ScheduledFuture<Long> next = alarms.schedule(System::nanoTime, WITHIN.toMillis() + 100,
                        TimeUnit.MILLISECONDS);

                assertThrows(SocketTimeoutException.class, body::readAllBytes);
                Duration nextRanAfter = Duration.ofNanos(next.get() - started);
                assertTrue(nextRanAfter.compareTo(WITHIN.plus(SLACK)) < 0, "the next alarm ran after " + nextRanAfter);
            }
        }
    }

    /** Answers 200 with a body of 100 bytes, sends one, and then nothing until closed. */
    static final class Stalling extends Loopback {

        private final CountDownLatch closed = new CountDownLatch(1);

        Stalling() {
            server.createContext("/", ex -> {
                ex.sendResponseHeaders(200, 100);
                OutputStream out = ex.getResponseBody();
                out.write(' ');
                out.flush();
                try {
                    closed.await();
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            });
            start();
        }

        @Override
        public void close() {
            closed.countDown();
            super.close();
        }
    }
}
