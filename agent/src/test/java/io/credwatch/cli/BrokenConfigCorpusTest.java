package io.credwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.credwatch.testing.AgentProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every broken configuration an operator (or a bad deploy) can produce, through the command
 * line's own entry: {@code validate --config FILE}, {@code check --config FILE} and the
 * daemon's {@code run --config FILE}: what the daemon would fail on, validate refuses first.
 * Each must end with exit 78 and exactly one line on stderr that names the field (or, for a
 * file that is no configuration at all, what is wrong with the file), never a stack trace,
 * never a hang. Each corpus file declares what its line must contain on its first line,
 * {@code # expect: FRAGMENT}, and may add {@code # never: TEXT} lines for what it must not
 * repeat; files that cannot hold a comment (empty, binary) have it in {@code NAME.expect}.
 */
@Timeout(30)
class BrokenConfigCorpusTest {

    private static final String EXPECT = "# expect: ";
    private static final String NEVER = "# never: ";
    /** Traces of a stack trace or of a library speaking instead of credwatch. */
    private static final List<String> NOT_FOR_OPERATORS = List.of("\tat ", "Exception", "io.credwatch.",
            "com.fasterxml", "org.yaml", "StreamReadConstraints");
    /** A private address no interface of a test host is expected to have; a case using it checks. */
    static final String NOT_ON_THIS_HOST = "10.255.255.1";

    @TempDir
    Path dir;

    /** A broken file, what the refusal must say, and what it must never repeat. */
    record BrokenConfig(Path file, String expected, List<String> never) {
    }

    /** Cases too large, too special or too system-dependent to commit as files: made at test time. */
    enum Generated {
        OVER_ONE_MIB("larger than 1024 KiB"),
        ENDLESS_DEV_ZERO("not a regular file"),
        HUNDRED_KIB_VALUE("agent.environment: unknown environment"),
        A_DIRECTORY("is a directory"),
        A_DANGLING_SYMLINK("no such file"),
        UNREADABLE("permission denied"),
        BIND_NOT_ON_THIS_HOST("http.bind: '" + NOT_ON_THIS_HOST + "' is not an address of this host");

        final String expected;

        Generated(String expected) {
            this.expected = expected;
        }

        Path make(Path dir) throws IOException {
            Path file = dir.resolve(name().toLowerCase() + ".yaml");
            switch (this) {
                case OVER_ONE_MIB -> Files.writeString(file, "http: { port: 9797 }\n"
                        + "# a log file given as --config by mistake\n".repeat(30_000));
                case ENDLESS_DEV_ZERO -> {
                    assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
                    return Path.of("/dev/zero");
                }
                case HUNDRED_KIB_VALUE -> Files.writeString(file, "agent: { environment: " + "x".repeat(100_000) + " }\n");
                case A_DIRECTORY -> Files.createDirectory(file);
                case A_DANGLING_SYMLINK -> Files.createSymbolicLink(file, dir.resolve("deleted-by-the-last-deploy.yaml"));
                case UNREADABLE -> {
                    Files.writeString(file, "http: { port: 9797 }\n");
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
                    assumeFalse(Files.isReadable(file), "running as root: every file is readable");
                }
                case BIND_NOT_ON_THIS_HOST -> {
                    assumeTrue(NetworkInterface.getByInetAddress(InetAddress.getByName(NOT_ON_THIS_HOST)) == null,
                            "this host has " + NOT_ON_THIS_HOST);
                    Files.writeString(file, "http: { bind: " + NOT_ON_THIS_HOST + " }\n");
                }
            }
            return file;
        }
    }

    static Path corpus() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(BrokenConfigCorpusTest.class.getResource("/broken-configs")).toURI());
    }

    static Stream<String> cases() throws Exception {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpus())) {
            files.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".expect")).sorted().forEach(names::add);
        }
        for (Generated g : Generated.values()) {
            names.add(g.name());
        }
        return names.stream();
    }

    private BrokenConfig resolve(String name) throws Exception {
        if (!name.contains(".")) {
            Generated g = Generated.valueOf(name);
            return new BrokenConfig(g.make(dir), g.expected, List.of());
        }
        Path file = corpus().resolve(name);
        Path sidecar = corpus().resolve(name + ".expect");
        // Latin-1 reads any bytes: the header of a non-UTF-8 file is still ASCII.
        List<String> header = Files.readAllLines(Files.exists(sidecar) ? sidecar : file, StandardCharsets.ISO_8859_1);
        String expected = null;
        List<String> never = new ArrayList<>();
        for (String line : header) {
            if (line.startsWith(EXPECT)) {
                expected = line.substring(EXPECT.length());
            } else if (line.startsWith(NEVER)) {
                never.add(line.substring(NEVER.length()));
            }
        }
        if (expected == null || !header.get(0).startsWith(EXPECT)) {
            throw new AssertionError(name + ": the first line must be '" + EXPECT + "FRAGMENT'");
        }
        return new BrokenConfig(file, expected, never);
    }

    private record Outcome(int status, String stdout, String stderr) {
    }

    /** Main as the launcher runs it, with its output captured. */
    private static Outcome main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static void assertRefusedInOneLine(BrokenConfig broken, int status, String stdout, String stderr) {
        String context = broken.file() + " gave exit " + status + ", stderr:\n" + stderr;
        assertEquals(78, status, context);
        assertEquals("", stdout, context);
        assertTrue(stderr.endsWith("\n") && stderr.indexOf('\n') == stderr.length() - 1, "not one line: " + context);
        String line = stderr.strip();
        assertTrue(line.startsWith("credwatch: invalid configuration " + broken.file() + ": "), context);
        assertTrue(line.contains(broken.expected()), () -> "expected '" + broken.expected() + "' in: " + line);
        assertTrue(line.length() < 600, () -> "a " + line.length() + "-character line");
        for (String marker : NOT_FOR_OPERATORS) {
            assertFalse(line.contains(marker), () -> "'" + marker + "' in: " + line);
        }
        for (String never : broken.never()) {
            assertFalse(line.contains(never), () -> "repeats '" + never + "': " + line);
        }
    }

    /** Each file through {@code validate}, {@code check} and the daemon's start, {@code run}: all read it the same way. */
    static Stream<Arguments> commandAndCase() throws Exception {
        return Stream.of("validate", "check", "run").flatMap(command -> {
            try {
                return cases().map(name -> Arguments.of(command, name));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("commandAndCase")
    void refusedWithExit78AndOneLineNamingTheField(String command, String name) throws Exception {
        BrokenConfig broken = resolve(name);

        Outcome outcome = main(command, "--config", broken.file().toString());

        assertRefusedInOneLine(broken, outcome.status(), outcome.stdout(), outcome.stderr());
    }

    @Test
    void theCorpusCoversEnoughCases() throws Exception {
        assertTrue(cases().count() >= 25, "only " + cases().count() + " broken configurations");
    }

    /**
     * The cases that could exhaust a small heap or a parser, in a real process with the unit's
     * own JVM flags (a 64 MiB heap): still one line and exit 78, within seconds.
     */
    @ParameterizedTest(name = "{0} under the unit's JVM flags")
    @MethodSource("heavy")
    void heavyFilesAreRefusedByARealProcessWithTheUnitsHeap(String name) throws Exception {
        BrokenConfig broken = resolve(name);

        AgentProcess.Finished run = AgentProcess.in(dir).withUnitFlags()
                .run("validate", Duration.ofSeconds(20), "validate", "--config", broken.file().toString());

        assertRefusedInOneLine(broken, run.status(), run.stdout(), run.stderr());
    }

    static Stream<String> heavy() {
        return Stream.of("billion-laughs.yaml", "deeply-nested-flow.yaml", "binary-gzip.yaml",
                Generated.OVER_ONE_MIB.name(), Generated.ENDLESS_DEV_ZERO.name());
    }

    /**
     * A FIFO opened for reading blocks until a writer comes, which may be never, and JUnit's
     * own timeout cannot interrupt a blocked {@code open(2)}: hence the preemptive bound.
     */
    @Nested
    class APathThatIsNoRegularFile {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"validate", "check", "run"})
        void aFifoIsRefusedAtOnceNotWaitedOnForEver(String command) throws Exception {
            Path fifo = dir.resolve("credwatch.yaml");
            assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "no mkfifo here");
            BrokenConfig broken = new BrokenConfig(fifo, "not a regular file", List.of());

            Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> main(command, "--config", fifo.toString()));

            assertRefusedInOneLine(broken, outcome.status(), outcome.stdout(), outcome.stderr());
        }
    }

    /**
     * {@code http.bind} and {@code http.port} as a real daemon meets them: an address the host
     * does not have is refused by validation, and a bind that fails at the start all the same
     * ends with exit 78 (no restart loop) and one line naming the setting, no stack trace.
     */
    @Nested
    class ListeningAtStart {

        private Path config(String http) throws IOException {
            return Files.writeString(dir.resolve("credwatch.yaml"), """
                    agent: { stateDir: %s }
                    http: %s
                    checks:
                      aws-credentials: { enabled: false }
                      egress-ip: { enabled: false }
                    """.formatted(dir.resolve("state"), http));
        }

        @Test
        void anAddressThisHostDoesNotHaveIsRefusedBeforeListening() throws Exception {
            BrokenConfig broken = resolve(Generated.BIND_NOT_ON_THIS_HOST.name());

            AgentProcess.Finished run = AgentProcess.in(dir).withUnitFlags()
                    .run("run", Duration.ofSeconds(20), "run", "--config", broken.file().toString());

            assertRefusedInOneLine(broken, run.status(), run.stdout(), run.stderr());
        }

        @Test
        void anIpv6AddressIsRefusedByValidateWhereTheUnitsJvmRunsIpv4Only() throws Exception {
            Path file = config("{ bind: '::1' }");
            BrokenConfig broken = new BrokenConfig(file, "http.bind: '::1' is an IPv6 address and this JVM runs "
                    + "IPv4 only (-Djava.net.preferIPv4Stack=true, in jvm.options)", List.of());

            for (String command : List.of("validate", "run")) {
                AgentProcess.Finished finished = AgentProcess.in(dir).withUnitFlags()
                        .run(command, Duration.ofSeconds(20), command, "--config", file.toString());

                assertRefusedInOneLine(broken, finished.status(), finished.stdout(), finished.stderr());
            }
        }

        @Test
        void aPortAlreadyTakenEndsTheStartWithExit78AndOneLineNamingHttpPort() throws Exception {
            try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                Path file = config("{ bind: 127.0.0.1, port: " + taken.getLocalPort() + " }");

                AgentProcess.Finished run = AgentProcess.in(dir).withUnitFlags()
                        .run("run", Duration.ofSeconds(30), "run", "--config", file.toString());

                String output = run.stdout() + run.stderr();
                assertEquals(78, run.status(), output);
                List<String> said = output.lines().filter(l -> l.contains("cannot start")).toList();
                assertEquals(1, said.size(), output);
                assertTrue(said.get(0).contains("http.port: " + taken.getLocalPort() + " on 127.0.0.1 is in use "
                        + "(Address already in use)"), said.get(0));
                for (String marker : NOT_FOR_OPERATORS) {
                    assertFalse(output.contains(marker), () -> "'" + marker + "' in: " + output);
                }
            }
        }
    }
}
