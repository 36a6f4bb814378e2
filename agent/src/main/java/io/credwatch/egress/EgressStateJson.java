package io.credwatch.egress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The state file's JSON, written and read with Jackson's streaming parser and generator.
 *
 * <p>Not with the object mapper: a daemon configured for the egress check alone needs no other
 * JSON binding, and the mapper with its time module is hundreds of classes and megabytes resident
 * (docs/performance.md) for a file of two record types. Fields it does not know
 * are skipped, so a file written by a newer credwatch still loads.
 */
final class EgressStateJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private EgressStateJson() {
    }

    static byte[] write(EgressState state) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 128 * state.changes().size());
        try (JsonGenerator g = FACTORY.createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeStringField("ip", state.ip());
            g.writeStringField("firstSeen", state.firstSeen().toString());
            g.writeStringField("lastSeen", state.lastSeen().toString());
            g.writeArrayFieldStart("changes");
            for (EgressState.Change c : state.changes()) {
                g.writeStartObject();
                g.writeStringField("from", c.from());
                g.writeStringField("to", c.to());
                g.writeStringField("at", c.at().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /**
     * @throws JsonParseException for anything but one state object (the exception carries the
     *     line and column), {@link IOException} when the bytes cannot be read as JSON text
     */
    static EgressState read(byte[] bytes) throws IOException {
        try (JsonParser p = FACTORY.createParser(bytes)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "a JSON object");
            String ip = null;
            Instant firstSeen = null;
            Instant lastSeen = null;
            List<EgressState.Change> changes = List.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "ip" -> ip = text(p, value);
                    case "firstSeen" -> firstSeen = instant(p, value);
                    case "lastSeen" -> lastSeen = instant(p, value);
                    case "changes" -> changes = changes(p, value);
                    default -> p.skipChildren();
                }
            }
            expect(p, p.currentToken(), JsonToken.END_OBJECT, "the end of the object");
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "more after the state object");
            }
            required(p, ip, "ip");
            required(p, firstSeen, "firstSeen");
            required(p, lastSeen, "lastSeen");
            return new EgressState(ip, firstSeen, lastSeen, changes);
        }
    }

    private static List<EgressState.Change> changes(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return List.of();
        }
        expect(p, value, JsonToken.START_ARRAY, "a list of changes");
        List<EgressState.Change> changes = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            expect(p, t, JsonToken.START_OBJECT, "a change object");
            String from = null;
            String to = null;
            Instant at = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "from" -> from = text(p, v);
                    case "to" -> to = text(p, v);
                    case "at" -> at = instant(p, v);
                    default -> p.skipChildren();
                }
            }
            required(p, from, "changes[].from");
            required(p, to, "changes[].to");
            required(p, at, "changes[].at");
            changes.add(new EgressState.Change(from, to, at));
        }
        return changes;
    }

    private static String text(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, value, JsonToken.VALUE_STRING, "a string");
        return p.getText();
    }

    private static Instant instant(JsonParser p, JsonToken value) throws IOException {
        String text = text(p, value);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeException e) {
            throw new JsonParseException(p, "not an ISO-8601 instant");
        }
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken wanted, String what) throws JsonParseException {
        if (actual != wanted) {
            throw new JsonParseException(p, "expected " + what);
        }
    }

    private static void required(JsonParser p, Object value, String field) throws JsonParseException {
        if (value == null) {
            throw new JsonParseException(p, "no " + field);
        }
    }
}
