package io.credwatch.sweep;

import io.credwatch.testing.PemKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A secret the agent is handed and must never show, under a name for the report. The
 * search looks for the whole value, for its middle twelve characters (a fragment of a
 * secret shown is a leak too, and an API key's safe fingerprint, its first and last four,
 * never contains its middle) and for its Base64 form (a Basic credential, a byte field).
 * A private key's canary is the base64 body of its PEM, and any {@value #KEY_PIECE}
 * characters of it shown are a leak.
 *
 * @param piece 0 for a secret or key; {@value #KEY_PIECE} for a private key's body
 */
record Canary(String name, String value, int piece) {

    static final int FRAGMENT = 12;
    static final int KEY_PIECE = 16;

    Canary {
        if (value.length() < FRAGMENT + 8) {
            throw new IllegalArgumentException(name + ": a canary must be long enough to have a middle");
        }
    }

    Canary(String name, String value) {
        this(name, value, 0);
    }

    static Canary privateKey(String name, PemKeys.Pair key) {
        return new Canary(name, key.body(), KEY_PIECE);
    }

    String middle() {
        int start = (value.length() - FRAGMENT) / 2;
        return value.substring(start, start + FRAGMENT);
    }

    List<String> needles() {
        if (piece == 0) {
            return List.of(value, middle(), Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        }
        List<String> needles = new ArrayList<>(List.of(value));
        for (int i = 0; i + piece <= value.length(); i++) {
            needles.add(value.substring(i, i + piece));
        }
        return needles;
    }

    /** Where this canary shows in {@code text}, or -1. */
    int foundIn(String text) {
        if (piece == 0) {
            for (String needle : needles()) {
                int at = text.indexOf(needle);
                if (at >= 0) {
                    return at;
                }
            }
            return -1;
        }
        // A thousand and more pieces: each window of the text is looked up once, not searched for each.
        Set<String> pieces = new HashSet<>(needles());
        for (int at = 0; at + piece <= text.length(); at++) {
            if (pieces.contains(text.substring(at, at + piece))) {
                return at;
            }
        }
        return -1;
    }
}
