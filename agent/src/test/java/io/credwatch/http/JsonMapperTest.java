package io.credwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.check.Category;
import io.credwatch.check.CheckReport;
import io.credwatch.check.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonMapperTest {

    private final ObjectMapper mapper = JsonMapper.create();

    @Test
    void aReportIsWrittenWithIsoInstantsAndEnumNames() throws Exception {
        CheckReport report = new CheckReport("exchange:acct", "exchange", Status.CRITICAL, Category.CLOCK_SKEW,
                "clock is 3s off", "sync the clock", Map.of("skew", Duration.ofSeconds(3),
                "seenAt", Instant.parse("2030-01-01T00:00:01Z")),
                Instant.parse("2030-01-01T00:00:00Z"), 42, 3, Instant.parse("2029-12-31T23:00:00Z"));

        JsonNode json = mapper.readTree(mapper.writeValueAsString(report));

        assertEquals("CRITICAL", json.path("status").asText());
        assertEquals("CLOCK_SKEW", json.path("category").asText());
        assertEquals("2030-01-01T00:00:00Z", json.path("startedAt").asText());
        assertEquals("2029-12-31T23:00:00Z", json.path("lastChange").asText());
        assertEquals("2030-01-01T00:00:01Z", json.path("details").path("seenAt").asText());
        assertEquals("PT3S", json.path("details").path("skew").asText());
        assertEquals(42, json.path("durationMs").asLong());
    }

    @Test
    void theLivenessAnswerWrittenOutIsWhatTheMapperWouldWrite() throws Exception {
        assertEquals(mapper.writeValueAsString(Map.of("status", HealthStatus.PASS)),
                new String(HealthRoutes.LIVE, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void theSharedMapperIsOneMapperConfiguredAsCreatedOnes() throws Exception {
        assertSame(JsonMapper.shared(), JsonMapper.shared());
        assertEquals(mapper.writeValueAsString(Map.of("at", Instant.EPOCH, "for", Duration.ofSeconds(3))),
                JsonMapper.shared().writeValueAsString(Map.of("at", Instant.EPOCH, "for", Duration.ofSeconds(3))));
    }

    @Test
    void anObjectWithoutPropertiesIsAnEmptyObject() throws Exception {
        assertEquals("{}", mapper.writeValueAsString(new Object()));
    }
}
