package io.credwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.check.Category;
import io.credwatch.check.CheckReport;
import io.credwatch.check.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming writers must write exactly what the mapper, and so Jersey, would. */
class JsonBodyTest {

    private final ObjectMapper mapper = JsonMapper.create();

    @Test
    void aHealthDocumentIsWrittenAsTheMapperWritesIt() throws Exception {
        Map<String, List<HealthComponent>> checks = new LinkedHashMap<>();
        checks.put("aws-credentials", List.of(HealthComponent.of(report("aws-credentials", Status.CRITICAL,
                "key AKIA…MPLE is temporary: \"ASIA\" expires at 03:00 \\ é ✓ \u0007"))));
        checks.put("egress-ip", List.of(HealthComponent.of(report("egress-ip", Status.OK, "egress IP 203.0.113.7"))));
        checks.put("exchange:bybit-main", List.of(new HealthComponent("exchange:bybit-main", "exchange",
                HealthStatus.WARN, null, "not run yet")));
        checks.put("empty", List.of(new HealthComponent(null, null, null, null, null)));
        HealthDocument document = new HealthDocument(HealthStatus.FAIL, HealthDocument.SERVICE_ID,
                HealthDocument.DESCRIPTION, checks);

        assertEquals(mapper.writeValueAsString(document), text(document.json()));
    }

    @Test
    void aDocumentWithoutChecksIsWrittenAsTheMapperWritesIt() throws Exception {
        HealthDocument document = new HealthDocument(HealthStatus.PASS, "credwatch", null, Map.of());

        assertEquals(mapper.writeValueAsString(document), text(document.json()));
    }

    @Test
    void readinessIsWrittenAsTheMapperWritesIt() throws Exception {
        Readiness waiting = new Readiness(HealthStatus.FAIL, List.of("egress-ip", "exchange:kucoin \"a\""));
        Readiness ready = new Readiness(HealthStatus.PASS, List.of());

        assertEquals(mapper.writeValueAsString(waiting), text(waiting.json()));
        assertEquals(mapper.writeValueAsString(ready), text(ready.json()));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 405, 421, 431, 500, 503, 599})
    void anErrorIsWrittenAsTheMapperWritesIt(int status) throws Exception {
        ApiError error = ApiError.of(status);

        assertEquals(mapper.writeValueAsString(error), text(error.json()));
    }

    private static CheckReport report(String id, Status status, String summary) {
        return new CheckReport(id, id, status, Category.NONE, summary, "", Map.of(),
                Instant.parse("2030-01-01T00:00:00.123Z"), 5, 0, null);
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
