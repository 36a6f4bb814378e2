package io.credwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.credwatch.check.CheckResult;
import io.credwatch.check.RunCooldown;
import io.credwatch.testing.ScriptedCheck;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    private ApiFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** The host's own addresses that are not loopback: where a wrongly bound server would also listen. */
    static List<InetAddress> nonLoopbackLocalAddresses() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(LifecycleTest::isUp)
                .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .filter(a -> a instanceof Inet4Address || a instanceof Inet6Address)
                .toList();
    }

    private static boolean isUp(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    @Nested
    class Binding {

        @Test
        void uriIsTheLoopbackAddressWithTheRealPort() throws Exception {
            fixture = ApiFixture.with().start();

            assertEquals("http", fixture.api.uri().getScheme());
            assertEquals("127.0.0.1", fixture.api.uri().getHost());
            assertTrue(fixture.api.uri().getPort() > 0, fixture.api.uri().toString());
            assertEquals("/", fixture.api.uri().getPath());
            assertEquals(200, fixture.get("/health/live").statusCode());
        }

        @Test
        void theSocketIsNotReachableOnAnyNonLoopbackAddressOfThisHost() throws Exception {
            fixture = ApiFixture.with().start();
            int port = fixture.api.uri().getPort();
            List<InetAddress> others = nonLoopbackLocalAddresses();
            assumeTrue(!others.isEmpty(), "this machine has no non-loopback address to try");

            for (InetAddress address : others) {
                try (Socket socket = new Socket()) {
                    assertThrows(IOException.class,
                            () -> socket.connect(new InetSocketAddress(address, port), 2_000),
                            "reachable on " + address.getHostAddress());
                }
            }
            // The same port does answer on loopback, so the refusals above are about the bind address.
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 2_000);
            }
        }
    }

    @Nested
    class Threads {

        @Test
        void requestsAreServedOnDaemonThreadsNamedCredwatchHttp() throws Exception {
            fixture = ApiFixture.with().egress(() -> Map.of("thread", Thread.currentThread().getName(),
                    "daemon", Thread.currentThread().isDaemon())).start();

            JsonNode body = ApiFixture.json(fixture.get("/egress"));

            assertTrue(body.path("thread").asText().startsWith("credwatch-http-"), body.toString());
            assertTrue(body.path("daemon").asBoolean(), body.toString());
        }
    }

    @Nested
    class Stopping {

        @Test
        void thePolledPathsNeverStartJerseyAndTheFirstOtherRequestDoes() throws Exception {
            fixture = ApiFixture.with().start();
            for (String path : new String[] {"/health", "/health/live", "/health/ready"}) {
                assertEquals(200, fixture.get(path).statusCode(), path);
            }
            assertFalse(fixture.api.jerseyStarted(), "a health probe started Jersey");

            assertEquals(200, fixture.get("/checks").statusCode());
            assertTrue(fixture.api.jerseyStarted());
        }

        @Test
        void afterCloseNothingListens() throws Exception {
            fixture = ApiFixture.with().start();
            int port = fixture.api.uri().getPort();

            fixture.api.close();

            try (Socket socket = new Socket()) {
                assertThrows(IOException.class,
                        () -> socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000));
            }
        }

        @Test
        void closeTwiceIsHarmless() throws Exception {
            fixture = ApiFixture.with().start();

            fixture.api.close();
            fixture.api.close();
        }

        @Test
        void aRequestInFlightIsAnsweredDuringAGracefulStop() throws Exception {
            CountDownLatch gate = new CountDownLatch(1);
            ScriptedCheck held = new ScriptedCheck("held").heldBy(gate)
                    .answers(CheckResult.ok("finished while stopping"));
            fixture = ApiFixture.with(held).start();
            int port = fixture.api.uri().getPort();
            CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return fixture.post("/checks/held/run");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(held.awaitStarted(), "the run never started");

            CompletableFuture<Void> closing = CompletableFuture.runAsync(fixture.api::close);
            awaitRefused(port);
            // Outlast the connector's shutdown idle timeout (100 ms): a request being handled
            // must not be taken for an idle connection and cut. Time is the point here.
            Thread.sleep(500);
            gate.countDown();

            HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals("finished while stopping", ApiFixture.json(response).path("summary").asText());
            closing.get(10, TimeUnit.SECONDS);
        }

        @Test
        void closeGivesUpOnAHungRequestAfterTheStopTimeout() throws Exception {
            CountDownLatch gate = new CountDownLatch(1);
            ScriptedCheck held = new ScriptedCheck("held").heldBy(gate);
            fixture = ApiFixture.with(held).start();
            CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return fixture.post("/checks/held/run");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(held.awaitStarted(), "the run never started");

            long start = System.nanoTime();
            fixture.api.close();
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            try {
                assertTrue(tookMs < 5_000, "close took " + tookMs + " ms");
                assertTrue(tookMs >= 1_500, "close did not wait for the request in flight: " + tookMs + " ms");
            } finally {
                gate.countDown();
                inFlight.handle((r, e) -> null).get(10, TimeUnit.SECONDS);
            }
        }

        /** Stopping has begun once new connections are refused; Jetty offers no latch for it, so poll. */
        private void awaitRefused(int port) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                } catch (IOException refused) {
                    return;
                }
                assertTrue(System.nanoTime() < deadline, "the server never stopped accepting");
                Thread.sleep(5);
            }
        }
    }

    @Nested
    class Starting {

        @Test
        void aPortAlreadyTakenFailsTheStart() throws Exception {
            fixture = ApiFixture.with().start();
            HttpSettings same = new HttpSettings("127.0.0.1", fixture.api.uri().getPort(), Optional::empty,
                    RunCooldown.none());
            HttpApi second = new HttpApi(same, fixture.scheduler.store, fixture.scheduler.runner, new Views(() -> "egress", List::of, Optional.empty()),
                    fixture.clock);

            CannotListen refused = assertThrows(CannotListen.class, second::start);
            second.close();
            assertEquals(CannotListen.Reason.PORT_IN_USE, refused.reason(), refused.getMessage());
            assertEquals(200, fixture.get("/health/live").statusCode(), "the first server is unaffected");
        }

        /** As when an interface went away between validation and the start. */
        @Test
        void anAddressThisHostDoesNotHaveFailsTheStartSayingSo() throws Exception {
            String elsewhere = "10.255.255.1";
            assumeTrue(NetworkInterface.getByInetAddress(InetAddress.getByName(elsewhere)) == null,
                    "this host has " + elsewhere);
            fixture = ApiFixture.with().start();
            HttpApi api = new HttpApi(new HttpSettings(elsewhere, 0, Optional::empty, RunCooldown.none()),
                    fixture.scheduler.store, fixture.scheduler.runner,
                    new Views(() -> "egress", List::of, Optional.empty()), fixture.clock);

            CannotListen refused = assertThrows(CannotListen.class, api::start);

            assertEquals(CannotListen.Reason.ADDRESS_NOT_LOCAL, refused.reason(), refused.getMessage());
            assertEquals(elsewhere, refused.address());
        }
    }

    @Nested
    class Settings {

        @Test
        void aPortOutOfRangeIsRefused() {
            assertThrows(IllegalArgumentException.class,
                    () -> new HttpSettings("127.0.0.1", 65_536, Optional::empty, RunCooldown.none()));
        }
    }
}
