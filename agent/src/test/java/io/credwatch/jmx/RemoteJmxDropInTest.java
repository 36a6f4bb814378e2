package io.credwatch.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.Category;
import io.credwatch.check.CheckResult;
import io.credwatch.check.Jitter;
import io.credwatch.check.RunCooldown;
import io.credwatch.testing.CheckCore;
import io.credwatch.testing.MutableClock;
import io.credwatch.testing.ScriptedCheck;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.AttributeChangeNotification;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK's own remote JMX agent, started with the properties of
 * {@code systemd/credwatch.service.d/remote-jmx.conf.example} (loopback host, one port for the
 * registry and RMI, password and access files) by {@code jcmd <pid> ManagementAgent.start},
 * as an operator could on a running daemon. TLS is left out: it needs a keystore, and
 * changes the transport, not what a client sees. The drop-in's "readonly" role reads every
 * attribute and hears notifications, but may not run checks.
 */
class RemoteJmxDropInTest {

    static final ObjectName AGENT = JmxExporterTest.name("io.credwatch:type=Agent");
    static final ObjectName EXCHANGE = JmxExporterTest.name("io.credwatch:type=Check,kind=exchange,name=bybit-main");

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
    ScriptedCheck exchange = new ScriptedCheck("exchange:bybit-main");
    CheckCore core;
    JmxExporter exporter;
    MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
    int port;

    @BeforeEach
    void startTheAgentAsTheDropInDoes() throws Exception {
        core = new CheckCore(List.of(exchange), clock, Jitter.none(), 1, 50);
        exporter = new JmxExporter(platform, core.store, core.runner, RunCooldown.none(),
                new FakeAgentControl(clock.instant()), clock);
        exporter.register();
        Path password = Files.writeString(dir.resolve("jmxremote.password"), "ops s3cret-for-tests\nadmin adm1n\n");
        Path access = Files.writeString(dir.resolve("jmxremote.access"), "ops readonly\nadmin readwrite\n");
        for (Path file : List.of(password, access)) {
            // The JDK refuses a password file others can read, as the drop-in's comments say.
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        try (ServerSocket free = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        jcmd("ManagementAgent.start", "jmxremote.port=" + port, "jmxremote.rmi.port=" + port,
                "jmxremote.host=127.0.0.1", "jmxremote.authenticate=true", "jmxremote.password.file=" + password,
                "jmxremote.access.file=" + access, "jmxremote.ssl=false", "jmxremote.registry.ssl=false");
    }

    /** As an operator would, from outside: the diagnostic command MBean does not offer ManagementAgent.*. */
    private static void jcmd(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(ProcessHandle.current().pid())));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.contains("Exception"), out);
    }

    @AfterEach
    void stop() throws Exception {
        exporter.close();
        core.close();
        jcmd("ManagementAgent.stop");
    }

    private JMXConnector connect(String user, String password) throws Exception {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        return JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
    }

    @Test
    void theReadonlyRoleReadsTheCulpritAndHearsChangesButCannotRunChecks() throws Exception {
        try (JMXConnector connector = connect("ops", "s3cret-for-tests")) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
            jmx.addNotificationListener(EXCHANGE, (n, handback) -> received.add(n), null, null);
            exchange.answers(CheckResult.critical(Category.AUTH_FAILED, "key refused", "Re-issue the key"));
            core.runNow("exchange:bybit-main").get(10, TimeUnit.SECONDS);

            AttributeChangeNotification n = (AttributeChangeNotification) received.poll(10, TimeUnit.SECONDS);
            assertNotNull(n, "no notification over the remote connector");
            assertEquals("exchange:bybit-main", ((CompositeData) n.getUserData()).get("id"));
            assertEquals("exchange:bybit-main CRITICAL AUTH_FAILED", jmx.getAttribute(AGENT, "NotOk"));
            assertEquals(2, jmx.getAttribute(EXCHANGE, "StatusCode"));
            assertThrows(SecurityException.class, () -> jmx.invoke(EXCHANGE, "runNow", null, null));
        }
    }

    @Test
    void theReadwriteRoleMayRunAndAWrongPasswordGetsNothing() throws Exception {
        try (JMXConnector connector = connect("admin", "adm1n")) {
            assertEquals("OK NONE: all good", connector.getMBeanServerConnection().invoke(EXCHANGE, "runNow", null, null));
        }
        assertThrows(SecurityException.class, () -> connect("ops", "wrong"));
    }
}
