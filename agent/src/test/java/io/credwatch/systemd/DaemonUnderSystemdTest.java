package io.credwatch.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code credwatch run} as systemd runs it: its own JVM, NOTIFY_SOCKET in the environment,
 * real signals. What systemd would see, datagram by datagram, and the exit status.
 */
class DaemonUnderSystemdTest {

    @TempDir
    Path dir;
    private HttpServer echo;
    private Process daemon;

    @BeforeEach
    void startEcho() throws Exception {
        echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        echo.createContext("/", exchange -> {
            byte[] body = "198.51.100.23\n".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        echo.start();
    }

    @AfterEach
    void stop() {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly();
        }
        echo.stop(0);
    }

    private Path config() throws Exception {
        return Files.writeString(dir.resolve("credwatch.yaml"), """
                agent: { stateDir: %s, executionContext: LOCAL }
                http: { port: 0 }
                jmx: { enabled: false }
                checks:
                  aws-credentials: { enabled: false }
                  egress-ip: { interval: 1h, sources: ["http://127.0.0.1:%d/"], allowlist: [198.51.100.23] }
                """.formatted(dir.resolve("state"), echo.getAddress().getPort()));
    }

    private Process launch(Path config, String notifySocket) throws Exception {
        // Surefire names the test class path here; java.class.path may be its manifest-only jar.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "io.credwatch.cli.Main", "run", "--config", config.toString());
        builder.environment().put("NOTIFY_SOCKET", notifySocket);
        builder.environment().put("WATCHDOG_USEC", "60000000");
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile());
        return builder.start();
    }

    private String log() throws Exception {
        return Files.readString(dir.resolve("daemon.log"));
    }

    /** The next datagram that is not a STATUS update, which may come whenever a check finishes. */
    private static String nextAnnouncement(NotifyReceiver systemd) throws Exception {
        String next = systemd.next();
        while (next.startsWith("STATUS=")) {
            next = systemd.next();
        }
        return next;
    }

    @Test
    void readyThenReloadRefusedThenSigtermStopsWithExitZero() throws Exception {
        Path config = config();
        try (NotifyReceiver systemd = NotifyReceiver.atPath(new File(dir.toFile(), "notify"))) {
            daemon = launch(config, systemd.spec);

            String ready = nextAnnouncement(systemd);
            assertTrue(ready.matches("READY=1\nSTATUS=OK: (0 of 1 check reported|1 check)"), ready + "\n" + log());

            Files.writeString(config, "checks: { egress-ip: { intervall: 5m } }\n");
            Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid())).start();
            assertEquals(0, hup.waitFor());
            String reloading = nextAnnouncement(systemd);
            assertTrue(reloading.startsWith("RELOADING=1\nMONOTONIC_USEC="), reloading);
            String reloaded = nextAnnouncement(systemd);
            assertTrue(reloaded.startsWith("READY=1\nSTATUS=OK: "), reloaded);
            assertTrue(reloaded.endsWith(SystemdNotifier.REFUSED_NOTE), reloaded);

            daemon.destroy(); // SIGTERM
            assertEquals("STOPPING=1\nSTATUS=stopping", nextAnnouncement(systemd));
            assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM");
            assertEquals(0, daemon.exitValue(), log());
            List<String> lines = Files.readAllLines(dir.resolve("daemon.log"));
            assertTrue(lines.stream().anyMatch(l -> l.contains("credwatch stopped")), log());
        }
    }
}
