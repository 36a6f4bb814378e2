package io.credwatch.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.testing.AgentProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code credwatch run} as systemd runs it: its own JVM, NOTIFY_SOCKET in the environment,
 * real signals. What systemd would see, datagram by datagram, and the exit status.
 */
class DaemonUnderSystemdTest {

    @TempDir
    Path dir;
    private Process daemon;

    @AfterEach
    void stop() {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly();
        }
    }

    private Path config() throws Exception {
        return Files.writeString(dir.resolve("credwatch.yaml"), """
                agent: { stateDir: %s, executionContext: LOCAL }
                http: { port: 0 }
                jmx: { enabled: false }
                checks:
                  aws-credentials: { enabled: false }
                  egress-ip: { enabled: false }
                """.formatted(dir.resolve("state")));
    }

    private Process launch(Path config, String notifySocket) throws Exception {
        return AgentProcess.in(dir).env(Map.of("NOTIFY_SOCKET", notifySocket, "WATCHDOG_USEC", "60000000"))
                .start("daemon", "run", "--config", config.toString());
    }

    private String log() throws Exception {
        return Files.readString(dir.resolve("daemon.out")) + Files.readString(dir.resolve("daemon.err"));
    }

    @Test
    void readyThenReloadRefusedThenSigtermStopsWithExitZero() throws Exception {
        Path config = config();
        try (NotifyReceiver systemd = NotifyReceiver.atPath(new File(dir.toFile(), "notify"))) {
            daemon = launch(config, systemd.spec);

            String ready = systemd.nextAnnouncement();
            assertEquals("READY=1\nSTATUS=OK: no checks configured", ready, log());

            Files.writeString(config, "checks: { egress-ip: { intervall: 5m } }\n");
            Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid())).start();
            assertEquals(0, hup.waitFor());
            String reloading = systemd.nextAnnouncement();
            assertTrue(reloading.startsWith("RELOADING=1\nMONOTONIC_USEC="), reloading);
            String reloaded = systemd.nextAnnouncement();
            assertTrue(reloaded.startsWith("READY=1\nSTATUS=OK: no checks configured; last reload refused: "
                    + "checks.egress-ip.intervall: unknown key"), reloaded);
            assertTrue(reloaded.endsWith(SystemdNotifier.PREVIOUS_RUNNING), reloaded);

            daemon.destroy(); // SIGTERM
            assertEquals("STOPPING=1\nSTATUS=stopping", systemd.nextAnnouncement());
            assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM");
            assertEquals(0, daemon.exitValue(), log());
            List<String> lines = log().lines().toList();
            assertTrue(lines.stream().anyMatch(l -> l.contains("credwatch stopped")), log());
        }
    }
}
