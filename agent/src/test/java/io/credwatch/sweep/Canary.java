package io.credwatch.sweep;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A secret the agent is handed and must never show, under a name for the report. The
 * search looks for the whole value, for its middle twelve characters (a fragment of a
 * secret shown is a leak too, and an API key's safe fingerprint, its first and last four,
 * never contains its middle) and for its Base64 form (a Basic credential, a byte field).
 */
record Canary(String name, String value) {

    static final int FRAGMENT = 12;

    Canary {
        if (value.length() < FRAGMENT + 8) {
            throw new IllegalArgumentException(name + ": a canary must be long enough to have a middle");
        }
    }

    String middle() {
        int start = (value.length() - FRAGMENT) / 2;
        return value.substring(start, start + FRAGMENT);
    }

    List<String> needles() {
        return List.of(value, middle(), Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Where this canary shows in {@code text}, or -1. */
    int foundIn(String text) {
        for (String needle : needles()) {
            int at = text.indexOf(needle);
            if (at >= 0) {
                return at;
            }
        }
        return -1;
    }
}
