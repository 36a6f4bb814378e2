package io.credwatch.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * What {@code POST /checks/{id}/run} accepts as a body: nothing, or the empty JSON object
 * some clients always send. Anything else is a client mistake worth telling (400) rather
 * than silently ignoring, and a body is read no further than {@link #MAX_BYTES}: a large one
 * is refused (413) before it is read, from its {@code Content-Length}, or as soon as it
 * passes the limit when it comes chunked.
 */
final class RunRequestBody {

    static final int MAX_BYTES = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunRequestBody() {
    }

    /** @throws ApiException 400 for a body other than none or {@code {}}, 413 for one over the limit */
    static void requireEmpty(String contentLength, InputStream body) {
        if (contentLength != null && declaredOverLimit(contentLength)) {
            throw tooLarge();
        }
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw ApiException.of(400, "the request body could not be read");
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return;
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && node.isObject() && node.isEmpty()) {
                return;
            }
        } catch (JsonProcessingException e) {
            // refused below, without repeating what was sent
        }
        throw ApiException.of(400, "a run takes no body; send none, or {}");
    }

    private static boolean declaredOverLimit(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > MAX_BYTES;
        } catch (NumberFormatException e) {
            return false; // Jetty refuses a malformed Content-Length before we get here
        }
    }

    private static ApiException tooLarge() {
        return ApiException.of(413, "a run takes no body; this one is over " + MAX_BYTES + " bytes");
    }
}
