package io.credwatch.http;

import static io.credwatch.http.ApiFixture.contentType;
import static io.credwatch.http.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.Category;
import io.credwatch.check.CheckResult;
import io.credwatch.testing.ScriptedCheck;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RunEndpointTest {

    private ApiFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Nested
    class RunNow {

        @Test
        void runReturnsTheNewReportAndRecordsIt() throws Exception {
            ScriptedCheck check = new ScriptedCheck("egress-ip").answers(CheckResult.ok("IP as expected"));
            fixture = ApiFixture.with(check).start();
            fixture.run("egress-ip");
            check.answers(CheckResult.critical(Category.IP_NOT_ALLOWLISTED, "not allowlisted", "add it"));

            HttpResponse<String> response = fixture.post("/checks/egress-ip/run");

            assertEquals(200, response.statusCode());
            assertEquals("application/json", contentType(response));
            assertEquals("CRITICAL", json(response).path("status").asText());
            assertEquals("IP_NOT_ALLOWLISTED", json(response).path("category").asText());
            assertEquals(new TreeSet<>(ChecksEndpointsTest.RESULT_FIELDS),
                    ChecksEndpointsTest.fieldNames(json(response)));
            assertEquals(2, check.runs());
            assertEquals("not allowlisted", fixture.scheduler.latest("egress-ip").orElseThrow().summary());
        }

        @Test
        void anIdWithAColonCanBeRun() throws Exception {
            ScriptedCheck check = new ScriptedCheck("exchange:acct").answers(CheckResult.ok("key works"));
            fixture = ApiFixture.with(check).start();

            HttpResponse<String> response = fixture.post("/checks/exchange:acct/run");

            assertEquals(200, response.statusCode());
            assertEquals("exchange:acct", json(response).path("id").asText());
            assertEquals(1, check.runs());
        }

        @Test
        void anUnknownIdIs404Json() throws Exception {
            fixture = ApiFixture.with(new ScriptedCheck("a").answers(CheckResult.ok("fine"))).start();

            HttpResponse<String> response = fixture.post("/checks/nope/run");

            assertEquals(404, response.statusCode());
            assertEquals("application/json", contentType(response));
            assertEquals(404, json(response).path("status").asInt());
        }

        @Test
        void aJsonBodyIsAcceptedAndIgnored() throws Exception {
            ScriptedCheck check = new ScriptedCheck("a").answers(CheckResult.ok("fine"));
            fixture = ApiFixture.with(check).start();

            HttpResponse<String> response = fixture.send(fixture.request("/checks/a/run")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

            assertEquals(200, response.statusCode());
            assertEquals(1, check.runs());
        }

        @Test
        void aFormBodyIs415JsonAndRunsNothing() throws Exception {
            ScriptedCheck check = new ScriptedCheck("a").answers(CheckResult.ok("fine"));
            fixture = ApiFixture.with(check).start();

            HttpResponse<String> response = fixture.send(fixture.request("/checks/a/run")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("x=1")).build());

            assertEquals(415, response.statusCode());
            assertEquals("application/json", contentType(response));
            assertEquals(415, json(response).path("status").asInt());
            assertEquals(0, check.runs());
        }
    }

    @Nested
    class HeldBack {

        @Test
        void aRunBeforeTheLatestResultsRetryAtAnswersThatResultAndRunsNothing() throws Exception {
            ScriptedCheck check = new ScriptedCheck("exchange:acct");
            fixture = ApiFixture.with(check).cooldown(Duration.ofSeconds(5)).start();
            check.answers(CheckResult.unknown(Category.RATE_LIMITED, "Bybit rate-limits this host", "")
                    .withRetryAt(fixture.clock.instant().plusSeconds(120)));
            HttpResponse<String> limited = fixture.post("/checks/exchange:acct/run");
            assertEquals("2030-01-02T03:06:05Z", json(limited).path("retryAt").asText());
            check.answers(CheckResult.ok("key works"));
            fixture.clock.advance(Duration.ofSeconds(60));

            HttpResponse<String> response = fixture.post("/checks/exchange:acct/run");

            assertEquals(200, response.statusCode());
            assertEquals(json(limited), json(response), "the latest result, as it was");
            assertEquals(1, check.runs(), "nothing ran");
            fixture.clock.advance(Duration.ofSeconds(60));
            assertEquals("OK", json(fixture.post("/checks/exchange:acct/run")).path("status").asText(),
                    "at retryAt it runs again");
        }
    }

    @Nested
    class Cooldown {

        @Test
        void aSecondRunWithinTheCooldownIs429WithRetryAfterAndRunsNothing() throws Exception {
            ScriptedCheck check = new ScriptedCheck("a").answers(CheckResult.ok("fine"));
            fixture = ApiFixture.with(check).cooldown(Duration.ofSeconds(30)).start();
            assertEquals(200, fixture.post("/checks/a/run").statusCode());
            fixture.clock.advance(Duration.ofSeconds(10));

            HttpResponse<String> response = fixture.post("/checks/a/run");

            assertEquals(429, response.statusCode());
            assertEquals("application/json", contentType(response));
            assertEquals("20", response.headers().firstValue("Retry-After").orElse(""));
            assertEquals(429, json(response).path("status").asInt());
            assertEquals(1, check.runs());
        }

        @Test
        void aRunIsAllowedAgainOnceTheCooldownHasPassed() throws Exception {
            ScriptedCheck check = new ScriptedCheck("a").answers(CheckResult.ok("fine"));
            fixture = ApiFixture.with(check).cooldown(Duration.ofSeconds(30)).start();
            assertEquals(200, fixture.post("/checks/a/run").statusCode());
            fixture.clock.advance(Duration.ofSeconds(29));
            assertEquals(429, fixture.post("/checks/a/run").statusCode());

            fixture.clock.advance(Duration.ofSeconds(1));

            assertEquals(200, fixture.post("/checks/a/run").statusCode());
            assertEquals(2, check.runs());
        }

        @Test
        void theCooldownIsPerCheck() throws Exception {
            fixture = ApiFixture.with(new ScriptedCheck("a").answers(CheckResult.ok("fine")),
                    new ScriptedCheck("b").answers(CheckResult.ok("fine"))).cooldown(Duration.ofMinutes(5)).start();
            assertEquals(200, fixture.post("/checks/a/run").statusCode());

            assertEquals(200, fixture.post("/checks/b/run").statusCode());
        }

        @Test
        void scheduledRunsDoNotUseUpTheCooldown() throws Exception {
            fixture = ApiFixture.with(new ScriptedCheck("a").answers(CheckResult.ok("fine")))
                    .cooldown(Duration.ofMinutes(5)).start();
            fixture.run("a");

            assertEquals(200, fixture.post("/checks/a/run").statusCode());
        }
    }

    @Nested
    class BearerToken {

        static final String TOKEN = "tok-5f0e9c1d7a2b4e6f8a9c0d1e2f3a4b5c";

        private ApiFixture withToken(ScriptedCheck... checks) throws Exception {
            fixture = ApiFixture.with(checks).token(TOKEN).cooldown(Duration.ofMinutes(5)).start();
            return fixture;
        }

        @Test
        void withoutATokenARunIs401WithABearerChallengeAndRunsNothing() throws Exception {
            ScriptedCheck check = new ScriptedCheck("a").answers(CheckResult.ok("fine"));
            withToken(check);

            HttpResponse<String> response = fixture.post("/checks/a/run");

            assertEquals(401, response.statusCode());
            assertEquals("application/json", contentType(response));
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
                    response.headers().toString());
            assertEquals(401, json(response).path("status").asInt());
            assertEquals(0, check.runs());
        }

        @Test
        void aWrongTokenIs401AndRunsNothing() throws Exception {
            ScriptedCheck check = new ScriptedCheck("a").answers(CheckResult.ok("fine"));
            withToken(check);

            for (String header : List.of("Bearer wrong-token", "Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1),
                    "Basic " + TOKEN, TOKEN, "Bearer")) {
                HttpResponse<String> response = fixture.post("/checks/a/run", "Authorization", header);

                assertEquals(401, response.statusCode(), header);
            }
            assertEquals(0, check.runs());
        }

        @Test
        void theRightTokenRunsTheCheck() throws Exception {
            ScriptedCheck check = new ScriptedCheck("a").answers(CheckResult.ok("fine"));
            withToken(check);

            HttpResponse<String> response = fixture.post("/checks/a/run", "Authorization", "Bearer " + TOKEN);

            assertEquals(200, response.statusCode());
            assertEquals(1, check.runs());
        }

        @Test
        void theSchemeNameIsCaseInsensitive() throws Exception {
            withToken(new ScriptedCheck("a").answers(CheckResult.ok("fine")));

            assertEquals(200, fixture.post("/checks/a/run", "Authorization", "bearer " + TOKEN).statusCode());
        }

        @Test
        void theTokenIsCheckedBeforeTheCooldown() throws Exception {
            withToken(new ScriptedCheck("a").answers(CheckResult.ok("fine")));
            assertEquals(200, fixture.post("/checks/a/run", "Authorization", "Bearer " + TOKEN).statusCode());

            assertEquals(401, fixture.post("/checks/a/run").statusCode());
            assertEquals(429, fixture.post("/checks/a/run", "Authorization", "Bearer " + TOKEN).statusCode());
        }

        @Test
        void withoutATokenAnUnknownIdIs401TooSoIdsAreNotDisclosed() throws Exception {
            withToken(new ScriptedCheck("a").answers(CheckResult.ok("fine")));

            assertEquals(401, fixture.post("/checks/nope/run").statusCode());
        }

        @Test
        void readingDoesNotNeedTheToken() throws Exception {
            withToken(new ScriptedCheck("a").answers(CheckResult.ok("fine")));
            fixture.run("a");

            assertEquals(200, fixture.get("/checks").statusCode());
            assertEquals(200, fixture.get("/checks/a").statusCode());
            assertEquals(200, fixture.get("/health").statusCode());
        }

        @Test
        void theTokenAndWhatWasPresentedNeverAppearInAnyResponse() throws Exception {
            withToken(new ScriptedCheck("a").answers(CheckResult.ok("fine")));
            String presented = "Bearer presented-but-wrong-9d8c7b6a";
            List<HttpResponse<String>> responses = new ArrayList<>();
            responses.add(fixture.post("/checks/a/run"));
            responses.add(fixture.post("/checks/a/run", "Authorization", presented));
            responses.add(fixture.post("/checks/a/run", "Authorization", "Bearer " + TOKEN));
            responses.add(fixture.post("/checks/a/run", "Authorization", "Bearer " + TOKEN));
            responses.add(fixture.post("/checks/nope/run", "Authorization", "Bearer " + TOKEN));
            responses.add(fixture.get("/checks/a"));
            responses.add(fixture.get("/health"));
            responses.add(fixture.get("/" + TOKEN));
            responses.add(fixture.send(fixture.request("/checks/a/run").header("Authorization", "Bearer " + TOKEN)
                    .method("PUT", HttpRequest.BodyPublishers.noBody()).build()));

            assertEquals(List.of(401, 401, 200, 429, 404, 200, 200, 404, 405),
                    responses.stream().map(HttpResponse::statusCode).toList());
            for (HttpResponse<String> response : responses) {
                String everything = response.body() + response.headers().map();
                assertFalse(everything.contains(TOKEN), everything);
                assertFalse(everything.contains("presented-but-wrong"), everything);
            }
        }

        @Test
        void theTokenIsAskedForOnEveryRequestSoARotationApplies() throws Exception {
            AtomicReference<String> token = new AtomicReference<>("old");
            ScriptedCheck check = new ScriptedCheck("a").answers(CheckResult.ok("fine"));
            fixture = ApiFixture.with(check).tokenSupplier(() -> Optional.of(token.get())).start();
            assertEquals(200, fixture.post("/checks/a/run", "Authorization", "Bearer old").statusCode());

            token.set("new");

            assertEquals(401, fixture.post("/checks/a/run", "Authorization", "Bearer old").statusCode());
            assertEquals(200, fixture.post("/checks/a/run", "Authorization", "Bearer new").statusCode());
        }
    }
}
