package io.credwatch.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EgressStateJsonTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** Written by credwatch before the streaming codec, with Jackson's object mapper. */
    private static final String WRITTEN_BY_THE_OBJECT_MAPPER = """
            {
              "ip" : "198.51.100.23",
              "firstSeen" : "2026-03-01T10:01:00Z",
              "lastSeen" : "2026-03-01T10:05:00.123456789Z",
              "changes" : [ {
                "from" : "203.0.113.7",
                "to" : "198.51.100.23",
                "at" : "2026-03-01T10:01:00Z"
              } ]
            }""";

    @Test
    void aStateIsReadBackEqual() throws IOException {
        EgressState state = EgressState.first("203.0.113.7", T0)
                .observe("198.51.100.23", T0.plusSeconds(60))
                .observe("198.51.100.23", T0.plusNanos(300_123_456_789L))
                .observe("192.0.2.1", T0.plusSeconds(900));

        assertEquals(state, EgressStateJson.read(EgressStateJson.write(state)));
    }

    @Test
    void aFileTheObjectMapperWroteStillLoads() throws IOException {
        EgressState state = EgressStateJson.read(bytes(WRITTEN_BY_THE_OBJECT_MAPPER));

        assertEquals(new EgressState("198.51.100.23", T0.plusSeconds(60), Instant.parse("2026-03-01T10:05:00.123456789Z"),
                List.of(new EgressState.Change("203.0.113.7", "198.51.100.23", T0.plusSeconds(60)))), state);
    }

    @Test
    void whatIsWrittenIsWhatAnyJsonReaderSees() throws IOException {
        EgressState state = EgressState.first("203.0.113.7", T0).observe("198.51.100.23", T0.plusSeconds(60));

        var tree = JsonMapper.builder().build().readTree(EgressStateJson.write(state));

        assertEquals("198.51.100.23", tree.get("ip").asText());
        assertEquals("2026-03-01T10:01:00Z", tree.get("firstSeen").asText());
        assertEquals("203.0.113.7", tree.get("changes").get(0).get("from").asText());
        assertEquals("2026-03-01T10:01:00Z", tree.get("changes").get(0).get("at").asText());
    }

    @Test
    void fieldsOfANewerVersionAreSkipped() throws IOException {
        String newer = """
                {"schema": 2, "ip": "203.0.113.7", "note": {"a": [1, {"b": null}]},
                 "firstSeen": "2026-03-01T10:00:00Z", "lastSeen": "2026-03-01T10:00:00Z",
                 "changes": [{"from": "192.0.2.1", "to": "203.0.113.7", "at": "2026-03-01T10:00:00Z", "why": "stop/start"}]}""";

        EgressState state = EgressStateJson.read(bytes(newer));

        assertEquals("203.0.113.7", state.ip());
        assertEquals(1, state.changes().size());
    }

    @Test
    void noChangesListIsNoChanges() throws IOException {
        String old = "{\"ip\":\"203.0.113.7\",\"firstSeen\":\"2026-03-01T10:00:00Z\",\"lastSeen\":\"2026-03-01T10:00:00Z\"}";

        assertEquals(List.of(), EgressStateJson.read(bytes(old)).changes());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "[]",
        "\"203.0.113.7\"",
        "{\"ip\": \"203.0.113.7\", \"firstSeen\": ",
        "{\"firstSeen\":\"2026-03-01T10:00:00Z\",\"lastSeen\":\"2026-03-01T10:00:00Z\"}",
        "{\"ip\":7,\"firstSeen\":\"2026-03-01T10:00:00Z\",\"lastSeen\":\"2026-03-01T10:00:00Z\"}",
        "{\"ip\":\"203.0.113.7\",\"firstSeen\":\"yesterday\",\"lastSeen\":\"2026-03-01T10:00:00Z\"}",
        "{\"ip\":\"203.0.113.7\",\"firstSeen\":\"2026-03-01T10:00:00Z\",\"lastSeen\":\"2026-03-01T10:00:00Z\",\"changes\":{}}",
        "{\"ip\":\"203.0.113.7\",\"firstSeen\":\"2026-03-01T10:00:00Z\",\"lastSeen\":\"2026-03-01T10:00:00Z\",\"changes\":[{\"from\":\"192.0.2.1\"}]}",
        "{\"ip\":\"203.0.113.7\",\"firstSeen\":\"2026-03-01T10:00:00Z\",\"lastSeen\":\"2026-03-01T10:00:00Z\"} {}",
    })
    void anythingButOneWholeStateIsRefusedWithItsPlace(String text) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> EgressStateJson.read(bytes(text)));

        assertTrue(e.getLocation() != null && e.getLocation().getLineNr() >= 1, String.valueOf(e.getLocation()));
    }

    @Test
    void aMissingFieldIsNamed() {
        String text = "{\"ip\":\"203.0.113.7\",\"lastSeen\":\"2026-03-01T10:00:00Z\"}";

        JsonParseException e = assertThrows(JsonParseException.class, () -> EgressStateJson.read(bytes(text)));

        assertTrue(e.getOriginalMessage().equals("no firstSeen"), e.getOriginalMessage());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
