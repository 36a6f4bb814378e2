package io.credwatch.exchange;

import io.credwatch.config.ConsumerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the processes that use a key started: a systemd service's main process as
 * {@code systemctl show} tells it (systemd's own record, which needs no access to the process),
 * or the process a pid file names, as the JDK reads it from /proc.
 */
public final class ConsumerStarts {

    /** The properties asked of a unit; printed {@code NAME=value}, one a line, in systemctl's order. */
    private static final List<String> PROPERTIES = List.of("LoadState", "ActiveState", "MainPID",
            "ExecMainStartTimestamp");
    /** systemctl's time format, {@code Sun 2030-01-02 01:00:00 UTC} with TZ=UTC; the weekday is left unread. */
    private static final Pattern UTC_TIMESTAMP =
            Pattern.compile(".*?(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2})(?:\\.\\d+)? UTC");
    /** Four short lines; more is not systemctl answering. */
    private static final int MAX_ANSWER = 4096;
    /** A PID is at most 7 digits (pid_max ≤ 2^22); a longer pid file is not one. */
    private static final int MAX_PID_FILE = 64;
    private static final Pattern PID = Pattern.compile("\\s*([1-9][0-9]{0,9})\\s*");
    /** A sandbox's /proc hides other users' processes unless hidepid is off (proc(5)). */
    private static final Pattern HIDEPID = Pattern.compile("(?:^|,)hidepid=(?!0(?:,|$)|off(?:,|$))([^,]*)");

    private final Optional<Path> systemctl;
    private final Path mountInfo;

    /**
     * @param systemctl the systemctl program; empty on a host without systemd
     * @param mountInfo this process's mount table ({@code /proc/self/mountinfo}): whether /proc hides processes
     */
    public ConsumerStarts(Optional<Path> systemctl, Path mountInfo) {
        this.systemctl = systemctl;
        this.mountInfo = mountInfo;
    }

    /** The host's: systemctl where the environment's PATH finds it, and this process's mount table. */
    public static ConsumerStarts onHost(Map<String, String> env) {
        Optional<Path> systemctl = Optional.empty();
        for (String dir : env.getOrDefault("PATH", "").split(":")) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, "systemctl");
            if (candidate != null && candidate.isAbsolute() && Files.isExecutable(candidate)) {
                systemctl = Optional.of(candidate);
                break;
            }
        }
        return new ConsumerStarts(systemctl, Path.of("/proc/self/mountinfo"));
    }

    /** @param bound how long a systemctl call may take */
    ConsumerStart of(ConsumerConfig consumer, Duration bound) throws InterruptedException {
        return consumer.isUnit() ? unit(consumer, bound) : pidFile(consumer);
    }

    private ConsumerStart unit(ConsumerConfig consumer, Duration bound) throws InterruptedException {
        if (systemctl.isEmpty()) {
            return ConsumerStart.unknown(consumer, "no systemctl on this host's PATH: it does not run systemd");
        }
        if (bound.isZero() || bound.isNegative()) {
            return ConsumerStart.unknown(consumer, "no time left to ask systemctl");
        }
        List<String> command = new ArrayList<>(List.of(systemctl.get().toString(), "show", "--no-pager"));
        PROPERTIES.forEach(p -> command.addAll(List.of("-p", p)));
        // "--": the name is never read as an option, whatever the configuration holds.
        command.addAll(List.of("--", consumer.service()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Nothing of credwatch's environment (it may hold keys) reaches the child; UTC, so the times parse.
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "TZ", "UTC", "LC_ALL", "C"));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return ConsumerStart.unknown(consumer, "cannot run " + systemctl.get() + ": " + e.getClass().getSimpleName());
        }
        try (InputStream out = process.getInputStream()) {
            process.getOutputStream().close();
            if (!process.waitFor(bound.toNanos(), TimeUnit.NANOSECONDS)) {
                return ConsumerStart.unknown(consumer, "systemctl show did not answer in time");
            }
            String answer = new String(out.readNBytes(MAX_ANSWER), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                return ConsumerStart.unknown(consumer, "systemctl show failed (exit " + process.exitValue() + "): "
                        + firstLine(answer));
            }
            return fromSystemd(consumer, answer);
        } catch (IOException e) {
            return ConsumerStart.unknown(consumer, "cannot read systemctl's answer: " + e.getClass().getSimpleName());
        } finally {
            process.destroyForcibly();
        }
    }

    private static ConsumerStart fromSystemd(ConsumerConfig consumer, String answer) {
        Map<String, String> shown = new HashMap<>();
        answer.lines().forEach(line -> {
            int eq = line.indexOf('=');
            if (eq > 0) {
                shown.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        });
        String load = shown.getOrDefault("LoadState", "");
        if (!load.equals("loaded")) {
            return ConsumerStart.notRunning(consumer, load.isEmpty() ? "systemctl did not say whether the unit "
                    + "is loaded" : "systemd has no such unit loaded (LoadState " + load + ")");
        }
        long pid;
        try {
            pid = Long.parseLong(shown.getOrDefault("MainPID", ""));
        } catch (NumberFormatException e) {
            return ConsumerStart.unknown(consumer, "systemctl gave no MainPID");
        }
        if (pid <= 0) {
            return ConsumerStart.notRunning(consumer, "no main process (ActiveState "
                    + shown.getOrDefault("ActiveState", "unknown") + ")");
        }
        Matcher at = UTC_TIMESTAMP.matcher(shown.getOrDefault("ExecMainStartTimestamp", ""));
        if (!at.matches()) {
            return ConsumerStart.unknown(consumer, "systemctl gave no start time in UTC for process " + pid);
        }
        return ConsumerStart.running(consumer, pid,
                LocalDateTime.parse(at.group(1) + "T" + at.group(2)).toInstant(ZoneOffset.UTC));
    }

    private ConsumerStart pidFile(ConsumerConfig consumer) {
        Path file = Path.of(consumer.pidFile());
        if (!Files.exists(file)) {
            return ConsumerStart.notRunning(consumer, "no pid file");
        }
        // A FIFO or a device would block the read or never end.
        if (!Files.isRegularFile(file)) {
            return ConsumerStart.unknown(consumer, "not a regular file");
        }
        String text;
        Instant written;
        try (InputStream in = Files.newInputStream(file)) {
            text = new String(in.readNBytes(MAX_PID_FILE + 1), StandardCharsets.US_ASCII);
            written = Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return ConsumerStart.unknown(consumer, "cannot read it: " + e.getClass().getSimpleName());
        }
        Matcher m = PID.matcher(text);
        if (text.length() > MAX_PID_FILE || !m.matches()) {
            return ConsumerStart.unknown(consumer, "it does not hold a PID");
        }
        long pid = Long.parseLong(m.group(1));
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return hidingProcesses().map(hidepid -> ConsumerStart.unknown(consumer, "process " + pid + " cannot be "
                            + "seen: /proc hides other users' processes here (hidepid=" + hidepid + ", the unit's "
                            + "ProtectProc=); name the consumer by its unit, or set ProtectProc=default in a drop-in"))
                    .orElseGet(() -> ConsumerStart.notRunning(consumer, "process " + pid + " is not running"));
        }
        Optional<Instant> started = process.get().info().startInstant();
        if (started.isEmpty()) {
            return ConsumerStart.unknown(consumer, "the start time of process " + pid + " cannot be read");
        }
        // A process writes its pid file after it starts: one started later holds a reused PID.
        if (started.get().isAfter(written.plus(ConsumerStart.UNCERTAINTY))) {
            return ConsumerStart.notRunning(consumer, "process " + pid + " started after the pid file was "
                    + "written: the PID was reused, the process the file named is gone");
        }
        return ConsumerStart.running(consumer, pid, started.get());
    }

    /** The hidepid value of the /proc this process sees, when it hides other users' processes. */
    private Optional<String> hidingProcesses() {
        List<String> lines;
        try {
            lines = Files.readAllLines(mountInfo);
        } catch (IOException e) {
            return Optional.empty();
        }
        Optional<String> hidden = Optional.empty();
        for (String line : lines) {
            // "36 25 0:21 / /proc rw,nosuid - proc proc rw,hidepid=invisible": the mount point is the
            // fifth field; the type and the file system's own options follow the " - ".
            String[] halves = line.split(" - ", 2);
            String[] mount = halves[0].split(" ");
            String[] fs = halves.length > 1 ? halves[1].split(" ") : new String[0];
            if (mount.length > 4 && mount[4].equals("/proc") && fs.length > 2 && fs[0].equals("proc")) {
                Matcher m = HIDEPID.matcher(fs[2]);
                // The last mount on /proc is the one in use.
                hidden = m.find() ? Optional.of(m.group(1)) : Optional.empty();
            }
        }
        return hidden;
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
