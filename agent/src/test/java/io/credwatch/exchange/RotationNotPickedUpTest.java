package io.credwatch.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.aws.FakeAws;
import io.credwatch.aws.FakeSecretsManager.Secret;
import io.credwatch.awsclient.AwsClients;
import io.credwatch.check.Category;
import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckResult;
import io.credwatch.check.Status;
import io.credwatch.config.ConsumerConfig;
import io.credwatch.config.CredentialSources;
import io.credwatch.config.Environment;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.config.ExchangeType;
import io.credwatch.credential.ApiCredentials;
import io.credwatch.credential.CredentialResolver;
import io.credwatch.credential.CredentialSource;
import io.credwatch.credential.EnvFileSource;
import io.credwatch.credential.SecretsManagerSource;
import io.credwatch.http.JsonMapper;
import io.credwatch.testing.AwsSettings;
import io.credwatch.testing.TestPools;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: the key was rotated at 03:00, the bot started at 01:00 and still signs with the old
 * one. The check over real HTTP against the Bybit fake, with real consumer processes, a real env
 * file and a Secrets Manager fake on loopback. systemd cannot run as PID 1 on this machine, so
 * unit consumers are answered by a stand-in {@code systemctl} script with systemctl's output
 * format; the real systemctl is asked once, to show how a host without systemd reads.
 */
@Timeout(60)
class RotationNotPickedUpTest {

    static final ApiCredentials PAIR = new ApiCredentials("CANARYKEY-rotation-0123456789",
            "CANARY-SECRET-rotation-5e5e5e", "");
    static final ObjectMapper JSON = JsonMapper.create();
    static final DateTimeFormatter SYSTEMCTL_TIME =
            DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newHttpClient();
    final Clock clock = Clock.systemUTC();
    final List<Process> processes = new ArrayList<>();
    final List<CheckResult> results = new ArrayList<>();
    FakeBybit bybit;
    Path envFile;
    Path systemctl;
    Path mountInfo;

    @BeforeEach
    void start() throws Exception {
        bybit = new FakeBybit(PAIR);
        // A key with nothing else to say: bound to this host's IP, no withdrawals.
        bybit.keyInfo = bybit.keyInfo.replace("\"Withdraw\"", "\"Spot\"").replace("198.51.100.4", "198.51.100.23");
        envFile = Files.writeString(dir.resolve("bybit.env"), "BYBIT_API_KEY=" + PAIR.key() + "\nBYBIT_API_SECRET="
                + PAIR.secret() + "\n");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(bin.resolve("units"));
        // systemctl's output for a unit the test describes in bin/units/<unit>, else for an unknown unit.
        systemctl = Files.writeString(bin.resolve("systemctl"), """
                #!/bin/sh
                here=$(dirname "$0")
                printf '%s\\n' "$@" > "$here/args"
                env > "$here/env"
                for unit; do :; done
                if [ -f "$here/hang" ]; then exec sleep 30; fi
                if [ -f "$here/fail" ]; then cat "$here/fail"; exit 1; fi
                if [ -f "$here/units/$unit" ]; then cat "$here/units/$unit"; exit 0; fi
                printf 'MainPID=0\\nLoadState=not-found\\nActiveState=inactive\\nExecMainStartTimestamp=\\n'
                """);
        Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
        mountInfo = Files.writeString(dir.resolve("mountinfo"), "22 27 0:21 / /proc rw,relatime - proc proc rw\n");
    }

    @AfterEach
    void stop() throws Exception {
        processes.forEach(Process::destroyForcibly);
        bybit.close();
        for (CheckResult r : results) {
            String json = JSON.writeValueAsString(r);
            assertFalse(json.contains(PAIR.secret()), json);
            assertFalse(json.contains(PAIR.key()), json);
        }
    }

    static ExchangeAccountConfig account(FakeBybit fake, String expectedFingerprint, ConsumerConfig... consumers) {
        return new ExchangeAccountConfig("bybit-main", ExchangeType.BYBIT, null, fake.uri("").toString(), true,
                Duration.ofMinutes(5), Duration.ofSeconds(2), List.of(), new CredentialSources(null, "unused", null,
                null), expectedFingerprint, List.of(), null, null, null, null, null, List.of(consumers), null);
    }

    CheckResult run(ExchangeAccountConfig config, CredentialSource source) throws Exception {
        return run(config, source, new ConsumerStarts(Optional.of(systemctl), mountInfo));
    }

    CheckResult run(ExchangeAccountConfig config, CredentialSource source, ConsumerStarts starts) throws Exception {
        ExchangeProbe probe = new ExchangeProbes(() -> http, clock).create(config.type(), config.baseUrl(),
                config.timeout());
        ExchangeCheck check = new ExchangeCheck(config, "exchanges[0]", new CredentialResolver(List.of(source)),
                probe, () -> Optional.of("198.51.100.23"), true, Environment.PROD,
                new KeyUseFindings(config, Environment.PROD, new SharedKeys(), starts));
        CheckResult result = check.run(new CheckContext(clock, clock.instant().plus(check.timeout()), false));
        results.add(result);
        return result;
    }

    EnvFileSource envFileSource() {
        return new EnvFileSource(envFile, List.of(List.of("BYBIT_API_KEY", "BYBIT_API_SECRET")));
    }

    Process bot() throws Exception {
        Process p = new ProcessBuilder("sleep", "300").start();
        processes.add(p);
        return p;
    }

    Path pidFile(long pid) throws Exception {
        return Files.writeString(dir.resolve("mm-bot.pid"), pid + "\n");
    }

    static Instant startOf(Process p) {
        return p.toHandle().info().startInstant().orElseThrow();
    }

    static String seconds(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> consumer(CheckResult r, int i) {
        return ((List<Map<String, Object>>) r.details().get("consumers")).get(i);
    }

    static String verdict(CheckResult r) {
        return r.status() + " " + r.category();
    }

    /** The run is OK: its first consumer is only a detail, in this state, its note saying this. */
    static void assertOnlyADetail(CheckResult r, String state, String note) {
        assertEquals("OK NONE", verdict(r), r.summary());
        assertEquals(state, consumer(r, 0).get("state"), consumer(r, 0).toString());
        assertTrue(consumer(r, 0).get("note").toString().contains(note), consumer(r, 0).toString());
    }

    static long deadPid() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        return gone.pid();
    }

    @Nested
    class APidFileConsumer {

        @Test
        void startedBeforeTheEnvFileChangedIsWarnedOfByName() throws Exception {
            Process bot = bot();
            Path pidFile = pidFile(bot.pid());
            Instant rotated = startOf(bot).plus(Duration.ofHours(2));
            Files.setLastModifiedTime(envFile, FileTime.from(rotated));

            CheckResult r = run(account(bybit, "", new ConsumerConfig(null, pidFile.toString())), envFileSource());

            assertEquals("WARN ROTATION_NOT_PICKED_UP", verdict(r), r.summary());
            String named = "process " + bot.pid() + " (pid file " + pidFile + ")";
            assertEquals(named + " started " + seconds(startOf(bot)) + ", the env file " + envFile + " changed "
                    + seconds(rotated) + ": it still signs with the key it loaded before", r.summary());
            assertEquals("restart " + named + " so it loads the key credwatch checks; until then it uses the old "
                    + "one, which stops working when that is revoked", r.remediation());
            assertEquals(Map.of("consumer", "pid file " + pidFile, "state", "RUNNING", "pid", bot.pid(),
                    "startedAt", seconds(startOf(bot))), consumer(r, 0));
            assertEquals(Map.of("what", "the env file " + envFile, "at", seconds(rotated)), r.details().get("keyChanged"));
        }

        @Test
        void startedAfterTheEnvFileWasWrittenHasTheKey() throws Exception {
            Process bot = bot();
            Path pidFile = pidFile(bot.pid());

            CheckResult r = run(account(bybit, "", new ConsumerConfig(null, pidFile.toString())), envFileSource());

            assertEquals("OK NONE", verdict(r), r.summary());
            assertEquals("RUNNING", consumer(r, 0).get("state"));
        }

        @Test
        void namingADeadProcessIsADetailNotAWarning() throws Exception {
            long gone = deadPid();
            Path pidFile = pidFile(gone);
            Files.setLastModifiedTime(envFile, FileTime.from(Instant.now().plus(Duration.ofHours(2))));

            CheckResult r = run(account(bybit, "", new ConsumerConfig(null, pidFile.toString())), envFileSource());

            assertEquals(Map.of("consumer", "pid file " + pidFile, "state", "NOT_RUNNING", "note",
                    "process " + gone + " is not running"), consumer(r, 0));
            assertOnlyADetail(r, "NOT_RUNNING", "is not running");
        }

        @Test
        void thatIsMissingIsADetail() throws Exception {
            CheckResult r = run(account(bybit, "", new ConsumerConfig(null, dir.resolve("none.pid").toString())),
                    envFileSource());

            assertOnlyADetail(r, "NOT_RUNNING", "no pid file");
        }

        @Test
        void olderThanTheProcessItNamesHoldsAReusedPid() throws Exception {
            Process stranger = bot();
            Path pidFile = pidFile(stranger.pid());
            Files.setLastModifiedTime(pidFile, FileTime.from(startOf(stranger).minus(Duration.ofDays(1))));
            Files.setLastModifiedTime(envFile, FileTime.from(Instant.now().plus(Duration.ofHours(2))));

            CheckResult r = run(account(bybit, "", new ConsumerConfig(null, pidFile.toString())), envFileSource());

            assertOnlyADetail(r, "NOT_RUNNING", "process " + stranger.pid() + " started after the pid file was "
                    + "written: the PID was reused, the process the file named is gone");
        }

        @Test
        void thatASandboxHidesIsUnknownAndSaysWhichSettingHidesIt() throws Exception {
            long gone = deadPid();
            Path pidFile = pidFile(gone);
            // /proc as the unit's ProtectProc=invisible mounts it.
            Files.writeString(mountInfo, "22 27 0:21 / /proc rw,relatime - proc proc rw\n"
                    + "611 590 0:77 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw,hidepid=invisible\n");

            CheckResult r = run(account(bybit, "", new ConsumerConfig(null, pidFile.toString())), envFileSource());

            assertOnlyADetail(r, "UNKNOWN", "process " + gone + " cannot be seen: /proc hides other users' processes here "
                    + "(hidepid=invisible, the unit's ProtectProc=); name the consumer by its unit, or set "
                    + "ProtectProc=default in a drop-in");
        }
    }

    @Nested
    class AUnitConsumer {

        void unit(String name, String answer) throws Exception {
            Files.writeString(systemctl.resolveSibling("units").resolve(name), answer);
        }

        String running(long pid, Instant started) {
            return "MainPID=" + pid + "\nExecMainStartTimestamp=" + SYSTEMCTL_TIME.format(started)
                    + "\nLoadState=loaded\nActiveState=active\n";
        }

        @Test
        void startedBeforeTheKeyChangedIsWarnedOfAndNamedForRestart() throws Exception {
            Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
            unit("mm-bot.service", running(4242, started));

            CheckResult r = run(account(bybit, "", new ConsumerConfig("mm-bot", null)), envFileSource());

            assertEquals("WARN ROTATION_NOT_PICKED_UP", verdict(r), r.summary());
            assertTrue(r.summary().startsWith("mm-bot.service started " + seconds(started) + ", the env file "
                    + envFile + " changed "), r.summary());
            assertTrue(r.remediation().startsWith("restart mm-bot.service so it loads the key"), r.remediation());
            assertEquals(Map.of("consumer", "mm-bot.service", "state", "RUNNING", "pid", 4242L, "startedAt",
                    seconds(started)), consumer(r, 0));
        }

        @Test
        void isAskedOfSystemctlByItsServiceNameWithNothingOfCredwatchsEnvironment() throws Exception {
            unit("mm-bot.service", running(4242, Instant.now().plus(Duration.ofHours(1))));

            CheckResult r = run(account(bybit, "", new ConsumerConfig("mm-bot", null)), envFileSource());

            assertEquals("OK NONE", verdict(r), r.summary());
            assertEquals(List.of("show", "--no-pager", "-p", "LoadState", "-p", "ActiveState", "-p", "MainPID", "-p",
                    "ExecMainStartTimestamp", "--", "mm-bot.service"),
                    Files.readAllLines(systemctl.resolveSibling("args")));
            List<String> env = Files.readAllLines(systemctl.resolveSibling("env"));
            assertTrue(env.contains("TZ=UTC"), env.toString());
            assertTrue(System.getenv().containsKey("HOME") && env.stream().noneMatch(v -> v.startsWith("HOME=")),
                    env.toString());
        }

        @Test
        void notLoadedOrStoppedIsADetail() throws Exception {
            unit("mm-hedger.service", "MainPID=0\nExecMainStartTimestamp=\nLoadState=loaded\nActiveState=failed\n");
            Files.setLastModifiedTime(envFile, FileTime.from(Instant.now().plus(Duration.ofHours(2))));

            CheckResult r = run(account(bybit, "", new ConsumerConfig("mm-bot.service", null),
                    new ConsumerConfig("mm-hedger.service", null)), envFileSource());

            assertEquals("OK NONE", verdict(r), r.summary());
            assertEquals("systemd has no such unit loaded (LoadState not-found)", consumer(r, 0).get("note"));
            assertEquals("no main process (ActiveState failed)", consumer(r, 1).get("note"));
        }

        @Test
        void aSystemctlThatDoesNotAnswerIsCutOffWithinTheRun() throws Exception {
            Files.writeString(systemctl.resolveSibling("hang"), "");
            Instant before = Instant.now();

            CheckResult r = run(account(bybit, "", new ConsumerConfig("mm-bot", null)), envFileSource());

            assertOnlyADetail(r, "UNKNOWN", "systemctl show did not answer in time");
            assertTrue(Duration.between(before, Instant.now()).compareTo(Duration.ofSeconds(6)) < 0,
                    "the run took the whole budget");
        }

        @Test
        void onAHostWithoutSystemdAsPid1TheRealSystemctlSaysSo() throws Exception {
            Path real = Path.of("/usr/bin/systemctl");
            assumeTrue(Files.isExecutable(real) && !Files.isDirectory(Path.of("/run/systemd/system")),
                    "needs systemctl on a host not booted with systemd");

            CheckResult r = run(account(bybit, "", new ConsumerConfig("mm-bot", null)), envFileSource(),
                    new ConsumerStarts(Optional.of(real), mountInfo));

            assertOnlyADetail(r, "UNKNOWN", "systemctl show failed (exit 1): System has not been booted with "
                    + "systemd");
        }

        @Test
        void withNoSystemctlAtAllIsUnknown() throws Exception {
            CheckResult r = run(account(bybit, "", new ConsumerConfig("mm-bot", null)), envFileSource(),
                    ConsumerStarts.onHost(Map.of("PATH", dir.resolve("nowhere").toString())));

            assertOnlyADetail(r, "UNKNOWN", "no systemctl on this host's PATH: it does not run systemd");
        }
    }

    @Nested
    class AKeyInSecretsManager {

        static final String NAME = "mm-bot/prod/bybit";
        FakeAws aws;
        AwsSettings settings;
        AwsClients clients;

        @BeforeEach
        void startAws() {
            aws = new FakeAws().key(AwsSettings.HOST_KEY_ID, AwsSettings.HOST_SECRET);
            settings = new AwsSettings().endpoint(aws.uri("")).hostKey();
            clients = new AwsClients(Duration.ofSeconds(5), TestPools.TIMER);
        }

        @AfterEach
        void stopAws() {
            settings.close();
            clients.close();
            aws.close();
        }

        SecretsManagerSource source() {
            return new SecretsManagerSource(NAME, 2, Environment.PROD, clients.secretsManager(), clock);
        }

        void secret(Instant lastChanged) {
            aws.secretsManager.put(new Secret(NAME, Optional.of("{\"api_key\":\"" + PAIR.key() + "\",\"api_secret\":\""
                    + PAIR.secret() + "\"}"), lastChanged.minus(Duration.ofDays(30)), lastChanged, Optional.empty(),
                    Optional.empty(), false, Optional.empty()));
        }

        @Test
        void changedAfterTheBotStartedIsWarnedOfFromItsMetadataAlone() throws Exception {
            Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));
            Instant rotated = started.plus(Duration.ofHours(2));
            secret(rotated);
            Files.writeString(systemctl.resolveSibling("units").resolve("mm-bot.service"), "MainPID=4242\n"
                    + "ExecMainStartTimestamp=" + SYSTEMCTL_TIME.format(started) + "\nLoadState=loaded\n");

            CheckResult r = run(account(bybit, "", new ConsumerConfig("mm-bot.service", null)), source());

            assertEquals("WARN ROTATION_NOT_PICKED_UP", verdict(r), r.summary());
            assertEquals("mm-bot.service started " + seconds(started) + ", the key in Secrets Manager " + NAME
                    + " changed " + seconds(rotated) + ": it still signs with the key it loaded before", r.summary());
            assertEquals(List.of(NAME), aws.secretsManager.subjects("GetSecretValue"), "one read: the key's own");
            assertEquals(List.of(NAME), aws.secretsManager.subjects("DescribeSecret"));
        }

        @Test
        void isNotDescribedWhenNoConsumerIsNamed() throws Exception {
            secret(Instant.now());

            CheckResult r = run(account(bybit, ""), source());

            assertEquals("OK NONE", verdict(r), r.summary());
            assertEquals(List.of(), aws.secretsManager.subjects("DescribeSecret"));
            assertFalse(r.details().containsKey("consumers"));
        }
    }

    @Nested
    class AmongTheOtherFindings {

        @Test
        void aStaleConsumerIsListedUnderAWorseVerdict() throws Exception {
            Process bot = bot();
            Path pidFile = pidFile(bot.pid());
            Files.setLastModifiedTime(envFile, FileTime.from(startOf(bot).plus(Duration.ofHours(2))));

            CheckResult r = run(account(bybit, "0123456789", new ConsumerConfig(null, pidFile.toString())),
                    envFileSource());

            assertEquals("CRITICAL FINGERPRINT_MISMATCH", verdict(r), r.summary());
            @SuppressWarnings("unchecked")
            List<String> also = (List<String>) r.details().get("alsoFound");
            assertEquals(1, also.size(), also.toString());
            assertTrue(also.get(0).startsWith("WARN ROTATION_NOT_PICKED_UP: process " + bot.pid()), also.toString());
        }

        @Test
        void onlyTheConsumersThatStartedBeforeTheChangeAreNamed() throws Exception {
            Process early = bot();
            Path earlyPid = pidFile(early.pid());
            Files.setLastModifiedTime(envFile, FileTime.from(Instant.now().plus(Duration.ofHours(1))));
            Files.writeString(systemctl.resolveSibling("units").resolve("mm-late.service"), "MainPID=4343\n"
                    + "ExecMainStartTimestamp=" + SYSTEMCTL_TIME.format(Instant.now().plus(Duration.ofHours(2)))
                    + "\nLoadState=loaded\n");

            CheckResult r = run(account(bybit, "", new ConsumerConfig("mm-late", null),
                    new ConsumerConfig(null, earlyPid.toString())), envFileSource());

            assertEquals("WARN ROTATION_NOT_PICKED_UP", verdict(r), r.summary());
            assertTrue(r.summary().startsWith("process " + early.pid() + " "), r.summary());
            assertFalse(r.details().containsKey("alsoFound"), r.details().toString());
            assertEquals("RUNNING", consumer(r, 0).get("state"));
        }
    }

    @Test
    void withoutConsumersNothingIsAsked() throws Exception {
        CheckResult r = run(account(bybit, ""), envFileSource());

        assertEquals(Status.OK, r.status());
        assertEquals(Category.NONE, r.category());
        assertFalse(Files.exists(systemctl.resolveSibling("args")));
        assertFalse(r.details().containsKey("keyChanged"));
    }
}
