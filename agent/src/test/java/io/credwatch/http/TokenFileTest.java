package io.credwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

    @TempDir
    Path dir;

    @Test
    void noFileConfiguredAsksForNoToken() {
        assertEquals(Optional.empty(), new TokenFile(() -> "").get());
    }

    @Test
    void theTokenIsTheFileStrippedAndReadAgainOnEveryUse() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "  s3cret-token\n");
        TokenFile token = new TokenFile(file::toString);
        assertEquals(Optional.of("s3cret-token"), token.get());
        Files.writeString(file, "rotated\n");
        assertEquals(Optional.of("rotated"), token.get());
    }

    @Test
    void anEmptyOrMissingFileFailsClosedWithATokenNobodyHolds() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        Optional<String> fromEmpty = new TokenFile(empty::toString).get();
        Optional<String> fromMissing = new TokenFile(() -> dir.resolve("missing").toString()).get();
        assertTrue(fromEmpty.isPresent() && fromEmpty.get().length() >= 64, fromEmpty.toString());
        assertTrue(fromMissing.isPresent());
        assertNotEquals(fromEmpty, new TokenFile(empty::toString).get(), "a new unguessable token each time");
    }
}
