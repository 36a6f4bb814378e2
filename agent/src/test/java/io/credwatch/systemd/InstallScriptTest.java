package io.credwatch.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/install.sh and scripts/uninstall.sh, always with --root: never the running system. */
class InstallScriptTest {

    private static final Path CHECKOUT = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().getParent();

    @TempDir
    Path dir;
    private Path root;
    private Path jar;

    @BeforeEach
    void fakeJar() throws Exception {
        root = dir.resolve("root");
        // Copied, never run: the scripts only need bytes to compare.
        jar = Files.writeString(dir.resolve("credwatch.jar"), "not really a jar\n");
    }

    private record Run(int status, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    private Run script(String name, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(CHECKOUT.resolve("scripts").resolve(name).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CREDWATCH_JAR", jar.toString());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }

    private Run install() throws Exception {
        Run run = script("install.sh", "--root", root.toString());
        assertEquals(0, run.status(), run.output());
        return run;
    }

    /** Every file and link under the root with its checksum, mode and mtime. */
    private Map<String, String> snapshot() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String key = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    files.put(key, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p)) {
                    byte[] sha = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                    files.put(key, HexFormat.of().formatHex(sha) + " "
                            + Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS) + " "
                            + Files.getLastModifiedTime(p).toMillis());
                }
            }
        }
        return files;
    }

    private String installed(String path) throws Exception {
        return Files.readString(root.resolve(path));
    }

    private String shipped(String path) throws Exception {
        return Files.readString(CHECKOUT.resolve(path));
    }

    @Nested
    class Install {
        @Test
        void putsEachPieceInPlace() throws Exception {
            install();
            assertEquals("not really a jar\n", installed("opt/credwatch/credwatch.jar"));
            assertEquals(shipped("scripts/credwatch"), installed("opt/credwatch/credwatch"));
            assertTrue(Files.isExecutable(root.resolve("opt/credwatch/credwatch")));
            assertEquals(shipped("scripts/jvm.options"), installed("opt/credwatch/jvm.options"));
            assertEquals(shipped("config/credwatch.yaml"), installed("etc/credwatch/credwatch.yaml"));
            assertEquals(Path.of("/usr/local/lib/systemd/system/credwatch.service"), Files.readSymbolicLink(
                    root.resolve("etc/systemd/system/multi-user.target.wants/credwatch.service")));
            assertFalse(Files.exists(root.resolve("etc/credwatch/credwatch.yaml.dist")));
        }

        @Test
        void theUnitGoesToUsrLocalAndRunsTheLauncherInOpt() throws Exception {
            install();
            String shipped = shipped("systemd/credwatch.service");
            assertTrue(shipped.contains("\nExecStart=/usr/bin/credwatch run "), "the packages' path");
            assertEquals(shipped.replace("\nExecStart=/usr/bin/credwatch run ", "\nExecStart=/opt/credwatch/credwatch run "),
                    installed("usr/local/lib/systemd/system/credwatch.service"));
            // /etc/systemd/system is the administrator's: nothing but the enabling link goes there.
            try (Stream<Path> etc = Files.walk(root.resolve("etc/systemd/system"))) {
                assertEquals(List.of("multi-user.target.wants/credwatch.service"), etc
                        .filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                        .map(p -> root.resolve("etc/systemd/system").relativize(p).toString()).toList());
            }
        }

        @Test
        void anEarlierInstallsUnitInEtcIsRemovedOnlyWhenUnedited() throws Exception {
            Path legacy = root.resolve("etc/systemd/system/credwatch.service");
            Files.createDirectories(legacy.getParent());
            // The unit as the last install.sh that used /etc shipped it.
            Files.writeString(legacy, shipped("systemd/credwatch.service").replace(
                    "ExecStart=/usr/bin/credwatch run", "ExecStart=/opt/credwatch/credwatch run"));
            Run run = install();
            assertFalse(run.output().contains("removed    /etc/systemd/system/credwatch.service"), run.output());
            assertTrue(run.output().contains("was edited;"), run.output());

            Files.copy(CHECKOUT.resolve("agent/src/test/resources/systemd/credwatch.service.before-packages"), legacy,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            run = install();
            assertTrue(run.lines().contains("removed    /etc/systemd/system/credwatch.service (an earlier install's;"
                    + " the unit is /usr/local/lib/systemd/system/credwatch.service now)"), run.output());
            assertFalse(Files.exists(legacy));
        }

        @Test
        void aSecondRunChangesNothingAndSaysSo() throws Exception {
            install();
            Map<String, String> before = snapshot();
            Run again = install();
            assertEquals(before, snapshot());
            assertEquals("install: nothing changed", again.lines().get(again.lines().size() - 1), again.output());
            for (String line : again.lines().subList(0, again.lines().size() - 1)) {
                assertTrue(line.startsWith("unchanged ") || line.startsWith("skipped "), line);
            }
        }

        @Test
        void anEditedConfigurationIsKeptAndTheExampleGoesBeside() throws Exception {
            install();
            Path config = root.resolve("etc/credwatch/credwatch.yaml");
            String mine = "http: { port: 9799 }\n";
            Files.writeString(config, mine);
            Run run = install();
            assertEquals(mine, Files.readString(config));
            assertEquals(shipped("config/credwatch.yaml"), installed("etc/credwatch/credwatch.yaml.dist"));
            assertTrue(run.output().contains("kept       /etc/credwatch/credwatch.yaml"), run.output());
            Map<String, String> before = snapshot();
            assertTrue(install().output().endsWith("install: nothing changed\n"));
            assertEquals(before, snapshot());
        }

        @Test
        void aNewJarReplacesTheOldOne() throws Exception {
            install();
            Files.writeString(jar, "a newer build\n");
            Run run = install();
            assertTrue(run.lines().contains("installed  /opt/credwatch/credwatch.jar"), run.output());
            assertEquals("a newer build\n", installed("opt/credwatch/credwatch.jar"));
        }
    }

    @Nested
    class Uninstall {
        @Test
        void removesTheProgramAndUnitButKeepsConfigurationAndState() throws Exception {
            install();
            Files.createDirectories(root.resolve("var/lib/credwatch"));
            Files.writeString(root.resolve("var/lib/credwatch/egress.json"), "{}");
            Run run = script("uninstall.sh", "--root", root.toString());
            assertEquals(0, run.status(), run.output());
            assertFalse(Files.exists(root.resolve("opt/credwatch")));
            assertFalse(Files.exists(root.resolve("usr/local/lib/systemd/system/credwatch.service")));
            assertFalse(Files.exists(root.resolve("etc/systemd/system/multi-user.target.wants/credwatch.service"),
                    LinkOption.NOFOLLOW_LINKS));
            assertEquals(shipped("config/credwatch.yaml"), installed("etc/credwatch/credwatch.yaml"));
            assertEquals("{}", installed("var/lib/credwatch/egress.json"));
        }

        @Test
        void leavesTheServiceOfAnInstalledPackageAlone() throws Exception {
            Path packageUnit = root.resolve("usr/lib/systemd/system/credwatch.service");
            Files.createDirectories(packageUnit.getParent());
            Files.writeString(packageUnit, shipped("systemd/credwatch.service"));
            Path wants = root.resolve("etc/systemd/system/multi-user.target.wants/credwatch.service");
            Files.createDirectories(wants.getParent());
            Files.createSymbolicLink(wants, Path.of("/usr/lib/systemd/system/credwatch.service"));
            Files.createDirectories(root.resolve("var/cache/credwatch"));
            Run run = script("uninstall.sh", "--root", root.toString());
            assertEquals(0, run.status(), run.output());
            assertTrue(Files.isSymbolicLink(wants), run.output());
            assertTrue(Files.exists(packageUnit));
            assertTrue(Files.isDirectory(root.resolve("var/cache/credwatch")), run.output());
        }

        @Test
        void purgeRemovesConfigurationAndStateToo() throws Exception {
            install();
            Files.createDirectories(root.resolve("var/lib/credwatch"));
            Run run = script("uninstall.sh", "--root", root.toString(), "--purge");
            assertEquals(0, run.status(), run.output());
            assertFalse(Files.exists(root.resolve("etc/credwatch")));
            assertFalse(Files.exists(root.resolve("var/lib/credwatch")));
        }
    }
}
