package io.credwatch.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.Agent;
import io.credwatch.config.ConfigLoader;
import io.credwatch.testing.AgentProcess;
import io.credwatch.testing.IpEcho;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The egress state file against the two things that break files: a crash mid-write and a full disk. */
class StateFileDurabilityTest {

    @TempDir
    Path dir;

    @Nested
    class KillNine {

        /**
         * SIGKILL at random moments of a process that saves without pause: every time, what is
         * on disk is a whole state, and no older than the last save the process reported done.
         */
        @Test
        void aKilledWriterLeavesAWholeStateNeverHalfOfOne() throws Exception {
            Random random = new Random(7);
            Path state = dir.resolve("state");
            int kills = 12;
            for (int round = 0; round < kills; round++) {
                Process writer = startWriter(state);
                int lastDone = 0;
                try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                        StandardCharsets.US_ASCII))) {
                    int target = 1 + random.nextInt(40);
                    String line;
                    while (lastDone < target && (line = out.readLine()) != null) {
                        lastDone = Integer.parseInt(line.strip());
                    }
                    Thread.sleep(random.nextInt(5));
                    writer.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
                    assertTrue(writer.waitFor(10, TimeUnit.SECONDS), "the writer did not die");
                }
                assertTrue(lastDone > 0, "round " + round + ": the writer never saved (exit " + writer.exitValue() + ")");

                EgressStateStore.Loaded loaded = new EgressStateStore(state).load();
                assertEquals(EgressStateStore.Loaded.Kind.LOADED, loaded.kind(), "round " + round + ": "
                        + loaded.problem());
                int onDisk = StateFileWriter.numberOf(loaded.state().ip());
                assertTrue(onDisk >= lastDone, "round " + round + ": save " + lastDone
                        + " was reported done, but the file holds save " + onDisk);
            }
            // The saves cut short left temporary files; the next process's first save clears them.
            EgressStateStore store = new EgressStateStore(state);
            assertEquals(Optional.empty(), store.save(store.load().state()));
            try (var files = Files.list(state)) {
                assertEquals(List.of(EgressStateStore.FILE_NAME),
                        files.map(f -> f.getFileName().toString()).toList());
            }
        }

        private Process startWriter(Path state) throws IOException {
            List<String> command = AgentProcess.java(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1"),
                    StateFileWriter.class.getName());
            command.add(state.toString());
            return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        }
    }

    /**
     * A state directory on a tmpfs of 64 KiB filled to the last byte. Mounting needs root (CI
     * runs as root); elsewhere the test is skipped, saying why.
     */
    @Nested
    class FullDisk {

        final IpEcho echo = new IpEcho("198.51.100.23");
        final HttpClient client = HttpClient.newHttpClient();
        final ObjectMapper json = new ObjectMapper();
        Path mount;
        Agent agent;

        @AfterEach
        void stop() throws Exception {
            if (agent != null) {
                agent.close();
            }
            echo.close();
            if (mount != null) {
                new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            }
        }

        void mountFullTmpfs() throws Exception {
            Path target = dir.resolve("full");
            Files.createDirectories(target);
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", target.toString())
                    .redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0,
                    "cannot mount a tmpfs here (needs root): " + said);
            mount = target;
            try (OutputStream filler = Files.newOutputStream(mount.resolve("filler"))) {
                byte[] block = new byte[4096];
                while (true) {
                    filler.write(block);
                    filler.flush();
                }
            } catch (IOException full) {
                // No space left on device: exactly the state wanted.
            }
        }

        JsonNode get(String path) throws Exception {
            URI base = agent.httpUri().orElseThrow();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            // 503 is /health/ready's "not yet"; anything else of 5xx is a failure to serve.
            assertTrue(response.statusCode() < 500 || path.equals("/health/ready"),
                    path + " answered " + response.statusCode());
            return json.readTree(response.body());
        }

        @Test
        void theAgentKeepsServingSaysTheStateWasNotSavedAndSavesOnceThereIsRoom() throws Exception {
            mountFullTmpfs();
            Path state = mount.resolve("state");
            Path config = Files.writeString(dir.resolve("credwatch.yaml"), """
                    agent: { stateDir: %s }
                    http: { port: 0 }
                    checks:
                      aws-credentials: { enabled: false }
                      egress-ip: { interval: 1h, sources: ["http://127.0.0.1:%d/"], allowlist: [198.51.100.23] }
                    """.formatted(state, echo.uri("").getPort()));
            ConfigLoader loader = new ConfigLoader(Map.of(), dir.resolve("none.yaml"));
            agent = Agent.daemon(loader.load(Optional.of(config)), loader, Optional.of(config), Map.of(),
                    Clock.systemUTC());
            agent.start();
            JsonNode report = awaitFirstRun();

            assertEquals("OK", report.get("status").asText(), report.toString());
            String said = report.get("details").get("state").asText();
            assertTrue(said.contains("state not saved to " + state.resolve(EgressStateStore.FILE_NAME)), said);
            assertTrue(get("/egress").get("stateProblem").asText().startsWith("state not saved"), "/egress");
            assertEquals("pass", get("/health").get("status").asText());

            Files.delete(mount.resolve("filler"));
            agent.runOnce(List.of("egress-ip"));
            JsonNode after = get("/checks/egress-ip");
            assertTrue(!after.get("details").has("state")
                    || !after.get("details").get("state").asText().contains("not saved"), after.toString());
            assertEquals(EgressStateStore.Loaded.Kind.LOADED, new EgressStateStore(state).load().kind());
        }

        JsonNode awaitFirstRun() throws Exception {
            for (int i = 0; i < 400; i++) {
                JsonNode ready = get("/health/ready");
                if ("pass".equals(ready.get("status").asText())) {
                    return get("/checks/egress-ip");
                }
                Thread.sleep(25);
            }
            throw new AssertionError("egress-ip never ran");
        }
    }
}
