package io.credwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import io.credwatch.check.CheckResult;
import io.credwatch.http.ErrorResponsesTest.RawResponse;
import io.credwatch.testing.ScriptedCheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** Jersey as Jetty's own handler ({@code jersey-container-jetty-http}), started by the first request that needs it. */
class JerseyContainerTest {

    private ApiFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Nested
    class NoServletLayer {

        /** Any of them back on the class path means the servlet container came back with it. */
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"jakarta.servlet.Servlet", "org.eclipse.jetty.ee10.servlet.ServletContextHandler",
                "org.glassfish.jersey.servlet.ServletContainer"})
        void noServletClassIsOnTheClassPath(String name) {
            assertThrows(ClassNotFoundException.class,
                    () -> Class.forName(name, false, JerseyContainerTest.class.getClassLoader()));
        }

        @Test
        void aResourceIsCalledByJerseysJettyHandlerWithNoServletOnTheWay() throws Exception {
            fixture = ApiFixture.with().egress(() -> Map.of("callers", StackWalker.getInstance()
                    .walk(frames -> frames.map(StackWalker.StackFrame::getClassName).distinct().toList()))).start();

            JsonNode callers = ApiFixture.json(fixture.get("/egress")).path("callers");

            List<String> names = new ArrayList<>();
            callers.forEach(name -> names.add(name.asText()));
            assertTrue(names.contains("org.glassfish.jersey.jetty.JettyHttpContainer"), names.toString());
            assertTrue(names.contains(JerseyOnFirstUse.class.getName()), names.toString());
            // jakarta.servlet, org.eclipse.jetty.ee10.servlet, org.glassfish.jersey.servlet
            assertTrue(names.stream().noneMatch(name -> name.startsWith("jakarta.servlet.") || name.contains(".servlet.")),
                    names.toString());
        }
    }

    @Nested
    class FirstUse {

        private Server server;

        @AfterEach
        void stopServer() throws Exception {
            if (server != null) {
                server.stop();
            }
        }

        /**
         * The first requests of a host often come together (a monitor's first scrape beside an
         * operator's curl): the ones that come while the first is starting Jersey wait for that
         * start, and one container answers them all; the probes do not wait for it at all.
         */
        @Test
        void requestsArrivingWhileJerseyStartsAreAllAnsweredByTheOneContainer() throws Exception {
            int requests = 6;
            AtomicInteger builds = new AtomicInteger();
            CountDownLatch building = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch arrived = new CountDownLatch(requests);
            Views views = new Views(() -> Map.of("currentIp", "203.0.113.7"), List::of, Optional.empty());
            JerseyOnFirstUse jersey = new JerseyOnFirstUse(() -> {
                builds.incrementAndGet();
                building.countDown();
                try {
                    assertTrue(release.await(30, TimeUnit.SECONDS), "never released");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new ResourceConfig().register(new ViewsResource(views))
                        .register(new JacksonJsonProvider(JsonMapper.shared()));
            });
            server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            Handler counted = new Handler.Wrapper(jersey) {
                @Override
                public boolean handle(Request request, Response response, Callback callback) throws Exception {
                    arrived.countDown();
                    return super.handle(request, response, callback);
                }
            };
            server.setHandler(new DirectRoutes(counted, Map.of("/health/live",
                    accept -> new Reply(200, HealthRoutes.JSON, HealthRoutes.LIVE))));
            server.start();
            URI egress = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/egress");
            HttpClient client = HttpClient.newHttpClient();

            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(client.sendAsync(HttpRequest.newBuilder(egress).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            assertTrue(building.await(10, TimeUnit.SECONDS), "no request started Jersey");
            assertTrue(arrived.await(10, TimeUnit.SECONDS), "the requests did not all arrive during Jersey's start");
            assertFalse(jersey.started());
            HttpResponse<String> probe = client.send(HttpRequest.newBuilder(egress.resolve("/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, probe.statusCode(), "a probe waited for Jersey's start");
            release.countDown();

            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.body());
                assertEquals("{\"currentIp\":\"203.0.113.7\"}", response.body());
            }
            assertEquals(1, builds.get(), "Jersey was built more than once");
            assertTrue(jersey.started());
        }

        @Test
        void concurrentFirstRequestsToTheApiAreAllAnswered() throws Exception {
            fixture = ApiFixture.with(new ScriptedCheck("a").answers(CheckResult.ok("fine"))).start();
            fixture.run("a");

            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return fixture.get("/checks");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }

            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.body());
                assertEquals("fine", ApiFixture.json(response).path(0).path("summary").asText(), response.body());
            }
        }
    }

    @Nested
    class Answers {

        @Test
        void aJerseyAnswerIsSentWholeWithItsLength() throws Exception {
            fixture = ApiFixture.with(new ScriptedCheck("a").answers(CheckResult.ok("fine"))).start();
            fixture.run("a");

            RawResponse response = RawResponse.parse(fixture.raw(
                    "GET /checks/a HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));

            assertEquals(200, response.status(), response.headers());
            assertFalse(response.headers().contains("transfer-encoding"), response.headers());
            assertTrue(response.headers().contains("content-length: " + response.body().length()), response.headers());
            assertEquals("fine", ApiFixture.JSON.readTree(response.body()).path("summary").asText());
        }

        /**
         * Jersey's container makes a {@code java.net.URI} of the target; these queries pass Jetty
         * but not {@code URI}. The API ignores query strings, so they change nothing, and nothing
         * of them reaches the log.
         */
        @ParameterizedTest(name = "?{0}")
        @ValueSource(strings = {"x=<zz-marker>", "%zz-marker", "a=\"{zz-marker}\"", "zz-marker=%"})
        void aQueryJerseyCouldNotParseIsIgnoredAndNotLogged(String query) throws Exception {
            fixture = ApiFixture.with().start();
            ListAppender<ILoggingEvent> logs = new ListAppender<>();
            Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            logs.start();
            root.addAppender(logs);
            try {
                for (String path : new String[] {"/checks", "/egress"}) {
                    RawResponse response = RawResponse.parse(fixture.raw("GET " + path + "?" + query
                            + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));

                    assertEquals(200, response.status(), path + ": " + response.body());
                    assertFalse(response.body().contains("zz-marker"), response.body());
                }
            } finally {
                root.detachAppender(logs);
            }
            for (ILoggingEvent event : logs.list) {
                String text = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                        : event.getThrowableProxy().getMessage());
                assertFalse(text.contains("zz-marker"), text);
            }
        }
    }
}
