package io.credwatch.testing;

import io.credwatch.logging.LogbackFileConfigurator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * credwatch in a JVM of its own, as {@code scripts/credwatch} starts it: {@code io.credwatch.cli.Main}
 * on the test run's class path, optionally with the flags of {@code scripts/jvm.options}, with
 * its stdout and stderr each in a file of {@code dir}, so a test reads exactly what the journal
 * or a calling script would. {@code dir} stands for {@code /etc/credwatch} where the daemon looks
 * for {@code logback.xml}: a host's own file never changes what a test reads.
 */
public final class AgentProcess {

    /** The repository root: the agent module's parent. */
    public static final Path CHECKOUT = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().getParent();

    /** What a process printed and how it ended. */
    public record Finished(int status, String stdout, String stderr) {
    }

    private final Path dir;
    private final List<String> jvmFlags = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();

    private AgentProcess(Path dir) {
        this.dir = dir;
        jvmFlags.add("-D" + LogbackFileConfigurator.DIRECTORY_PROPERTY + "=" + dir);
    }

    /** Output files go to {@code dir}. */
    public static AgentProcess in(Path dir) {
        return new AgentProcess(dir);
    }

    /** The unit's own flags (heap, GC, logging), read from scripts/jvm.options as the launcher reads them. */
    public AgentProcess withUnitFlags() throws IOException {
        for (String line : Files.readAllLines(CHECKOUT.resolve("scripts/jvm.options"))) {
            if (line.startsWith("JAVA_OPTS_DEFAULT=\"")) {
                String value = line.substring(line.indexOf('"') + 1, line.lastIndexOf('"'));
                jvmFlags.addAll(Arrays.asList(value.trim().split("\\s+")));
            }
        }
        if (jvmFlags.isEmpty()) {
            throw new IllegalStateException("no JAVA_OPTS_DEFAULT in scripts/jvm.options");
        }
        return this;
    }

    public AgentProcess flags(String... flags) {
        jvmFlags.addAll(List.of(flags));
        return this;
    }

    /** Added to (or overriding) the environment the test JVM passes on. */
    public AgentProcess env(Map<String, String> variables) {
        env.putAll(variables);
        return this;
    }

    public Path stdout(String name) {
        return dir.resolve(name + ".out");
    }

    public Path stderr(String name) {
        return dir.resolve(name + ".err");
    }

    /** Starts {@code credwatch args...}; its output goes to {@code name.out} and {@code name.err}. */
    public Process start(String name, String... args) throws IOException {
        List<String> command = java(jvmFlags, "io.credwatch.cli.Main");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.redirectOutput(stdout(name).toFile()).redirectError(stderr(name).toFile());
        return builder.start();
    }

    /** The command that runs {@code mainClass} in a new JVM on the test run's class path, with {@code flags}. */
    public static List<String> java(List<String> flags, String mainClass) {
        // Surefire names the test class path here; java.class.path may be its manifest-only jar.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(flags);
        command.addAll(List.of("-cp", classPath, mainClass));
        return command;
    }

    /** Runs {@code credwatch args...} to its end; fails when it takes longer than {@code limit}. */
    public Finished run(String name, Duration limit, String... args) throws IOException, InterruptedException {
        Process process = start(name, args);
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("credwatch " + String.join(" ", args) + " still running after " + limit);
        }
        return new Finished(process.exitValue(), Files.readString(stdout(name), StandardCharsets.UTF_8),
                Files.readString(stderr(name), StandardCharsets.UTF_8));
    }
}
