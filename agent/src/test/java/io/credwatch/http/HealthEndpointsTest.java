package io.credwatch.http;

import static io.credwatch.http.ApiFixture.contentType;
import static io.credwatch.http.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.credwatch.check.Category;
import io.credwatch.check.CheckReport;
import io.credwatch.check.CheckResult;
import io.credwatch.testing.ScriptedCheck;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HealthEndpointsTest {

    private ApiFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private ApiFixture start(ScriptedCheck... checks) throws Exception {
        fixture = ApiFixture.with(checks).start();
        return fixture;
    }

    @Nested
    class AggregateHealth {

        @Test
        void passWhenEveryCheckIsOkIs200InTheDraftFormat() throws Exception {
            start(new ScriptedCheck("aws-credentials").answers(CheckResult.ok("credentials valid")),
                    new ScriptedCheck("exchange:acct").type("test").answers(CheckResult.ok("key works")));
            fixture.run("aws-credentials");
            CheckReport exchange = fixture.run("exchange:acct");

            HttpResponse<String> response = fixture.get("/health");

            assertEquals(200, response.statusCode());
            assertEquals("application/health+json", contentType(response));
            JsonNode body = json(response);
            assertEquals("pass", body.path("status").asText());
            assertEquals("credwatch", body.path("serviceId").asText());
            assertFalse(body.path("description").asText().isBlank());
            JsonNode component = body.path("checks").path("exchange:acct").path(0);
            assertEquals("exchange:acct", component.path("componentId").asText());
            assertEquals("test", component.path("componentType").asText());
            assertEquals("pass", component.path("status").asText());
            assertEquals(exchange.startedAt().toString(), component.path("time").asText());
            assertEquals("key works", component.path("output").asText());
            assertEquals(2, body.path("checks").size());
        }

        @Test
        void warnWhenAnyCheckWarnsIs200() throws Exception {
            start(new ScriptedCheck("a").answers(CheckResult.ok("fine")),
                    new ScriptedCheck("b")
                            .answers(CheckResult.warn(Category.EXPIRING_SOON, "expires in 3h", "rotate")));
            fixture.run("a");
            fixture.run("b");

            HttpResponse<String> response = fixture.get("/health");

            assertEquals(200, response.statusCode());
            assertEquals("warn", json(response).path("status").asText());
            assertEquals("warn", json(response).path("checks").path("b").path(0).path("status").asText());
        }

        @Test
        void unknownIsAWarningNotAFailure() throws Exception {
            start(new ScriptedCheck("a").answers(CheckResult.unknown(Category.UNAVAILABLE, "no answer", "")));
            fixture.run("a");

            HttpResponse<String> response = fixture.get("/health");

            assertEquals(200, response.statusCode());
            assertEquals("warn", json(response).path("status").asText());
        }

        @Test
        void failWhenAnyCheckIsCriticalIs503() throws Exception {
            start(new ScriptedCheck("a").answers(CheckResult.warn(Category.EXPIRING_SOON, "soon", "")),
                    new ScriptedCheck("b")
                            .answers(CheckResult.critical(Category.AUTH_FAILED, "key refused", "fix it")));
            fixture.run("a");
            fixture.run("b");

            HttpResponse<String> response = fixture.get("/health");

            assertEquals(503, response.statusCode());
            assertEquals("application/health+json", contentType(response));
            assertEquals("fail", json(response).path("status").asText());
            assertEquals("fail", json(response).path("checks").path("b").path(0).path("status").asText());
            assertEquals("key refused", json(response).path("checks").path("b").path(0).path("output").asText());
        }

        @Test
        void aCheckNotRunYetIsAWarningSayingSo() throws Exception {
            start(new ScriptedCheck("ran").answers(CheckResult.ok("fine")),
                    new ScriptedCheck("later").answers(CheckResult.ok("x")));
            fixture.run("ran");

            HttpResponse<String> response = fixture.get("/health");

            assertEquals(200, response.statusCode());
            JsonNode body = json(response);
            assertEquals("warn", body.path("status").asText());
            JsonNode later = body.path("checks").path("later").path(0);
            assertEquals("warn", later.path("status").asText());
            assertEquals("not run yet", later.path("output").asText());
            assertEquals("later", later.path("componentId").asText());
            assertFalse(later.has("time"), "no time before the first run");
        }
    }

    @Nested
    class Liveness {

        @Test
        void liveIs200PassWhileServing() throws Exception {
            start(new ScriptedCheck("a").answers(CheckResult.critical(Category.EXPIRED, "expired", "")));
            fixture.run("a"); // a failing check does not make the process dead

            HttpResponse<String> response = fixture.get("/health/live");

            assertEquals(200, response.statusCode());
            assertTrue(contentType(response).startsWith("application/json"), contentType(response));
            assertEquals("{\"status\":\"pass\"}", response.body());
        }
    }

    @Nested
    class Readiness {

        @Test
        void notReadyUntilEveryCheckHasFinishedOnceThenReady() throws Exception {
            CountDownLatch gate = new CountDownLatch(1);
            ScriptedCheck held = new ScriptedCheck("held").heldBy(gate);
            start(new ScriptedCheck("quick").answers(CheckResult.ok("fine")), held);
            fixture.run("quick");
            CompletableFuture<CheckReport> heldRun = fixture.scheduler.runNow("held");

            HttpResponse<String> before = fixture.get("/health/ready");

            assertEquals(503, before.statusCode());
            assertTrue(contentType(before).startsWith("application/json"), contentType(before));
            assertEquals("fail", json(before).path("status").asText());
            assertEquals(List.of("held"), ApiFixture.JSON.convertValue(json(before).path("pending"), List.class));

            gate.countDown();
            heldRun.get(10, TimeUnit.SECONDS);
            HttpResponse<String> after = fixture.get("/health/ready");

            assertEquals(200, after.statusCode());
            assertEquals("pass", json(after).path("status").asText());
            assertEquals(0, json(after).path("pending").size());
        }

        @Test
        void aFailingCheckStillCountsAsFinished() throws Exception {
            start(new ScriptedCheck("a").answers(CheckResult.critical(Category.AUTH_FAILED, "refused", "")));
            fixture.run("a");

            assertEquals(200, fixture.get("/health/ready").statusCode());
        }
    }
}
