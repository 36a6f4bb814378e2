package io.credwatch.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EgressStateStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    @Nested
    class Reading {

        @Test
        void aMissingFileIsAFirstRun() {
            EgressStateStore.Loaded loaded = new EgressStateStore(dir).load();

            assertEquals(EgressStateStore.Loaded.Kind.MISSING, loaded.kind());
            assertNull(loaded.problem());
        }

        @Test
        void whatWasSavedIsReadBack() {
            EgressStateStore store = new EgressStateStore(dir);
            EgressState state = EgressState.first("203.0.113.7", T0).observe("198.51.100.23", T0.plusSeconds(60));

            assertEquals(Optional.empty(), store.save(state));
            EgressStateStore.Loaded loaded = new EgressStateStore(dir).load();

            assertEquals(EgressStateStore.Loaded.Kind.LOADED, loaded.kind());
            assertEquals(state, loaded.state());
        }

        @Test
        void invalidJsonIsCorruptWithWhereNotWhat() throws IOException {
            Files.writeString(dir.resolve("egress-ip.json"), "{\"ip\": \"203.0.113.7\", \"firstSeen\": ");

            EgressStateStore.Loaded loaded = new EgressStateStore(dir).load();

            assertEquals(EgressStateStore.Loaded.Kind.CORRUPT, loaded.kind());
            assertTrue(loaded.problem().contains("is corrupt"), loaded.problem());
        }

        @Test
        void validJsonWithoutAnIpIsCorrupt() throws IOException {
            Files.writeString(dir.resolve("egress-ip.json"),
                    "{\"ip\":\"not-an-ip\",\"firstSeen\":\"2026-03-01T10:00:00Z\",\"lastSeen\":\"2026-03-01T10:00:00Z\"}");

            assertEquals(EgressStateStore.Loaded.Kind.CORRUPT, new EgressStateStore(dir).load().kind());
        }
    }

    @Nested
    class Writing {

        @Test
        void removesTheTemporaryFilesOfSavesACrashCutShort() throws IOException {
            Files.writeString(dir.resolve("egress-ip.json.123456.tmp"), "{\"ip\":\"203.0");
            Files.writeString(dir.resolve("unrelated.tmp"), "kept");

            new EgressStateStore(dir).save(EgressState.first("203.0.113.7", T0));

            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of("egress-ip.json", "unrelated.tmp"),
                        files.map(p -> p.getFileName().toString()).sorted().toList());
            }
        }

        @Test
        void leavesNoTemporaryFileBehind() throws IOException {
            EgressStateStore store = new EgressStateStore(dir);

            store.save(EgressState.first("203.0.113.7", T0));
            store.save(EgressState.first("203.0.113.7", T0).observe("203.0.113.7", T0.plusSeconds(60)));

            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of("egress-ip.json"), files.map(p -> p.getFileName().toString()).toList());
            }
        }

        @Test
        void createsTheStateDirWhenMissing() {
            EgressStateStore store = new EgressStateStore(dir.resolve("a/b"));

            assertEquals(Optional.empty(), store.save(EgressState.first("203.0.113.7", T0)));
            assertTrue(Files.isRegularFile(dir.resolve("a/b/egress-ip.json")));
        }

        @Test
        void anUnwritableDirIsAProblemInWordsNotAnException() throws IOException {
            Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
            EgressStateStore store = new EgressStateStore(notADir.resolve("state"));

            Optional<String> problem = store.save(EgressState.first("203.0.113.7", T0));

            assertTrue(problem.isPresent());
            assertTrue(problem.get().startsWith("state not saved to "), problem.get());
        }

        @Test
        void aCorruptFileIsSetAsideBeforeItIsReplaced() throws IOException {
            Files.writeString(dir.resolve("egress-ip.json"), "garbage");
            EgressStateStore store = new EgressStateStore(dir);

            assertEquals(Optional.empty(), store.setAsideCorrupt());

            assertEquals("garbage", Files.readString(dir.resolve("egress-ip.json.corrupt")));
            assertFalse(Files.exists(dir.resolve("egress-ip.json")));
        }
    }

    @Nested
    class History {

        @Test
        void keepsTheLastTwentyChanges() {
            EgressState state = EgressState.first("10.0.0.0", T0);
            for (int i = 1; i <= 25; i++) {
                state = state.observe("10.0.0." + i, T0.plus(Duration.ofMinutes(i)));
            }

            assertEquals(EgressState.MAX_CHANGES, state.changes().size());
            assertEquals("10.0.0.5", state.changes().get(0).from());
            assertEquals("10.0.0.25", state.lastChange().orElseThrow().to());
        }

        @Test
        void seeingTheSameIpMovesOnlyLastSeen() {
            EgressState state = EgressState.first("203.0.113.7", T0).observe("203.0.113.7", T0.plusSeconds(60));

            assertEquals(T0, state.firstSeen());
            assertEquals(T0.plusSeconds(60), state.lastSeen());
            assertTrue(state.changes().isEmpty());
        }
    }
}
