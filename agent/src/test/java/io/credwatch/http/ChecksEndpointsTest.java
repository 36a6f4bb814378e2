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
import io.credwatch.info.AgentInfo;
import io.credwatch.testing.ScriptedCheck;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChecksEndpointsTest {

    /** Contract "A result", exactly: the starting fields, then the reported-versus-raw verdict and the typed facts. */
    static final Set<String> RESULT_FIELDS = Set.of("id", "type", "status", "category", "summary", "remediation",
            "details", "startedAt", "durationMs", "consecutiveFailures", "lastChange", "rawStatus", "rawCategory",
            "inconclusiveSince", "expiries", "subject", "retryAt");

    private ApiFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Nested
    class LatestResults {

        @Test
        void checksIsAnArrayOfLatestResultsWithExactlyTheSpecFields() throws Exception {
            ScriptedCheck check = new ScriptedCheck("egress-ip").type("test")
                    .answers(CheckResult.warn(Category.IP_CHANGED, "egress IP changed", "add 203.0.113.9 to key K")
                            .withDetail("ip", "203.0.113.9"));
            fixture = ApiFixture.with(check).start();
            CheckReport report = fixture.run("egress-ip");

            HttpResponse<String> response = fixture.get("/checks");

            assertEquals(200, response.statusCode());
            assertEquals("application/json", contentType(response));
            JsonNode body = json(response);
            assertTrue(body.isArray());
            assertEquals(1, body.size());
            JsonNode result = body.get(0);
            assertEquals(new TreeSet<>(RESULT_FIELDS), fieldNames(result));
            assertEquals("egress-ip", result.path("id").asText());
            assertEquals("test", result.path("type").asText());
            assertEquals("WARN", result.path("status").asText());
            assertEquals("IP_CHANGED", result.path("category").asText());
            assertEquals("egress IP changed", result.path("summary").asText());
            assertEquals("add 203.0.113.9 to key K", result.path("remediation").asText());
            assertEquals("203.0.113.9", result.path("details").path("ip").asText());
            assertEquals("2030-01-02T03:04:05Z", result.path("startedAt").asText());
            assertEquals(report.durationMs(), result.path("durationMs").asLong());
            assertEquals(1, result.path("consecutiveFailures").asInt());
            assertEquals("2030-01-02T03:04:05Z", result.path("lastChange").asText());
        }

        @Test
        void theBodyIsWhatJsonMapperWritesForTheSameReports() throws Exception {
            fixture = ApiFixture.with(new ScriptedCheck("a").answers(CheckResult.ok("fine"))).start();
            fixture.run("a");

            HttpResponse<String> response = fixture.get("/checks");

            // The CLI's check --json prints JsonMapper's rendering of the same list.
            assertEquals(JsonMapper.create().writeValueAsString(fixture.scheduler.latest()), response.body());
        }

        @Test
        void checksThatHaveNotRunYetAreLeftOut() throws Exception {
            fixture = ApiFixture.with(new ScriptedCheck("ran").answers(CheckResult.ok("fine")),
                    new ScriptedCheck("pending").answers(CheckResult.ok("fine"))).start();
            fixture.run("ran");

            JsonNode body = json(fixture.get("/checks"));

            assertEquals(1, body.size());
            assertEquals("ran", body.get(0).path("id").asText());
        }
    }

    @Nested
    class OneCheck {

        @Test
        void latestFieldsAtTopLevelThenHistoryNewestFirstAndCounters() throws Exception {
            ScriptedCheck check = new ScriptedCheck("aws-credentials")
                    .answers(CheckResult.critical(Category.EXPIRED, "expired", "renew"));
            fixture = ApiFixture.with(check).start();
            fixture.run("aws-credentials");
            fixture.clock.advance(Duration.ofMinutes(5));
            check.answers(CheckResult.ok("valid for 6h"));
            fixture.run("aws-credentials");

            HttpResponse<String> response = fixture.get("/checks/aws-credentials");

            assertEquals(200, response.statusCode());
            assertEquals("application/json", contentType(response));
            JsonNode body = json(response);
            Set<String> expected = new TreeSet<>(RESULT_FIELDS);
            expected.addAll(List.of("history", "runCount", "failureCount"));
            assertEquals(expected, fieldNames(body));
            assertEquals("OK", body.path("status").asText());
            assertEquals("valid for 6h", body.path("summary").asText());
            assertEquals("2030-01-02T03:09:05Z", body.path("lastChange").asText());
            assertEquals(2, body.path("runCount").asLong());
            assertEquals(1, body.path("failureCount").asLong());
            JsonNode history = body.path("history");
            assertEquals(2, history.size());
            assertEquals("valid for 6h", history.get(0).path("summary").asText());
            assertEquals("expired", history.get(1).path("summary").asText());
            assertEquals(new TreeSet<>(RESULT_FIELDS), fieldNames(history.get(1)));
        }

        @Test
        void anIdWithAColonWorksInThePathAsIsAndPercentEncoded() throws Exception {
            fixture = ApiFixture.with(new ScriptedCheck("exchange:cryptocom-main").answers(CheckResult.ok("key works")))
                    .start();
            fixture.run("exchange:cryptocom-main");

            for (String path : List.of("/checks/exchange:cryptocom-main", "/checks/exchange%3Acryptocom-main")) {
                HttpResponse<String> response = fixture.get(path);

                assertEquals(200, response.statusCode(), path);
                assertEquals("exchange:cryptocom-main", json(response).path("id").asText(), path);
            }
        }

        @Test
        void anUnknownIdIs404Json() throws Exception {
            fixture = ApiFixture.with(new ScriptedCheck("a").answers(CheckResult.ok("fine"))).start();

            HttpResponse<String> response = fixture.get("/checks/nope");

            assertEquals(404, response.statusCode());
            assertEquals("application/json", contentType(response));
            assertEquals(404, json(response).path("status").asInt());
            assertEquals("unknown check", json(response).path("error").asText());
            assertFalse(response.body().contains("nope"), "the id is not echoed");
        }

        @Test
        void aCheckNotRunYetHasItsIdTypeAndNoVerdict() throws Exception {
            fixture = ApiFixture.with(new ScriptedCheck("later").type("test").answers(CheckResult.ok("fine")))
                    .start();

            HttpResponse<String> response = fixture.get("/checks/later");

            assertEquals(200, response.statusCode());
            JsonNode body = json(response);
            assertEquals("later", body.path("id").asText());
            assertEquals("test", body.path("type").asText());
            assertEquals("not run yet", body.path("summary").asText());
            assertFalse(body.has("status"), "no verdict before the first run");
            assertEquals(0, body.path("history").size());
            assertEquals(0, body.path("runCount").asLong());
        }
    }

    @Nested
    class Egress {

        record View(String ip, Instant since, List<String> sources) {
        }

        @Test
        void egressIsTheViewSerializedWithIsoInstants() throws Exception {
            View view = new View("203.0.113.7", Instant.parse("2030-01-01T00:00:00Z"), List.of("imds", "checkip"));
            fixture = ApiFixture.with().egress(() -> view).start();

            HttpResponse<String> response = fixture.get("/egress");

            assertEquals(200, response.statusCode());
            assertEquals("application/json", contentType(response));
            JsonNode body = json(response);
            assertEquals("203.0.113.7", body.path("ip").asText());
            assertEquals("2030-01-01T00:00:00Z", body.path("since").asText());
            assertEquals("checkip", body.path("sources").path(1).asText());
        }

        @Test
        void theViewIsAskedOnEveryRequest() throws Exception {
            AtomicReference<String> ip = new AtomicReference<>("198.51.100.1");
            fixture = ApiFixture.with().egress(() -> Map.of("ip", ip.get())).start();
            assertEquals("198.51.100.1", json(fixture.get("/egress")).path("ip").asText());

            ip.set("198.51.100.2");

            assertEquals("198.51.100.2", json(fixture.get("/egress")).path("ip").asText());
        }
    }

    @Nested
    class Whoami {

        @Test
        void whoamiIsTheAgentInfoWhenEnabled() throws Exception {
            AgentInfo info = new AgentInfo(4242, "ip-10-0-0-1", "prod", "AWS", "0.1.0", "2030-01-01T00:00:00Z",
                    "/etc/credwatch/credwatch.yaml", Instant.parse("2030-01-02T00:00:00Z"), List.of("env", "imds"));
            fixture = ApiFixture.with().whoami(() -> info).start();

            HttpResponse<String> response = fixture.get("/whoami");

            assertEquals(200, response.statusCode());
            assertEquals("application/json", contentType(response));
            JsonNode body = json(response);
            assertEquals(4242, body.path("pid").asLong());
            assertEquals("ip-10-0-0-1", body.path("host").asText());
            assertEquals("2030-01-02T00:00:00Z", body.path("startedAt").asText());
            assertEquals("imds", body.path("credentialSources").path(1).asText());
        }

        @Test
        void whoamiIs404JsonWhenNotEnabled() throws Exception {
            fixture = ApiFixture.with().start();

            HttpResponse<String> response = fixture.get("/whoami");

            assertEquals(404, response.statusCode());
            assertEquals("application/json", contentType(response));
            assertEquals(404, json(response).path("status").asInt());
            // The same answer as any unknown path: a disabled endpoint does not announce itself.
            assertEquals(json(fixture.get("/no-such-path")), json(response));
        }
    }
}
