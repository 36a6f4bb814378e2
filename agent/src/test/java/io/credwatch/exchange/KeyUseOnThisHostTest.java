package io.credwatch.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.Agent;
import io.credwatch.check.CheckReport;
import io.credwatch.config.ConfigLoader;
import io.credwatch.credential.ApiCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Issue 16, through the agent as {@code credwatch check} builds it: one key that two accounts of
 * this host resolve under two environments (ENVIRONMENT_MIXED, compared only among the keys the
 * accounts resolve anyway), and consumers asked through the systemctl the agent's PATH finds.
 */
@Timeout(60)
class KeyUseOnThisHostTest {

    static final ApiCredentials SHARED = new ApiCredentials("CANARYKEY-shared-0123456789", "CANARY-SECRET-shared-1a1a",
            "");
    static final ApiCredentials OTHER = new ApiCredentials("CANARYKEY-other-0123456789", "CANARY-SECRET-other-2b2b",
            "");

    @TempDir
    Path dir;
    final Map<String, String> env = new HashMap<>();
    final List<String> said = new ArrayList<>();
    FakeBybit bybit;
    Agent agent;

    @BeforeEach
    void start() {
        bybit = new FakeBybit(SHARED);
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        bybit.close();
        for (String s : said) {
            assertFalse(s.contains(SHARED.secret()) || s.contains(OTHER.secret()), s);
            assertFalse(s.contains(SHARED.key()) || s.contains(OTHER.key()), s);
        }
    }

    Path envFile(String path, ApiCredentials pair) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "BYBIT_API_KEY=" + pair.key() + "\nBYBIT_API_SECRET=" + pair.secret() + "\n");
    }

    /** @param accounts each {@code id: credentials-and-more} inside the account's flow mapping */
    void agent(String environment, String... accounts) throws Exception {
        StringBuilder yaml = new StringBuilder("""
                agent: { environment: %s, stateDir: %s }
                checks:
                  aws-credentials: { enabled: false }
                  egress-ip: { enabled: false }
                exchanges:
                """.formatted(environment, dir.resolve("state")));
        for (String account : accounts) {
            yaml.append("  - { type: bybit, baseUrl: \"").append(bybit.uri("")).append("\", timeout: 2s, ")
                    .append(account).append(" }\n");
        }
        Path config = Files.writeString(dir.resolve("credwatch.yaml"), yaml.toString());
        ConfigLoader loader = new ConfigLoader(Map.of(), dir.resolve("none.yaml"));
        agent = Agent.oneShot(loader.load(Optional.of(config)), loader, env, Clock.systemUTC());
    }

    CheckReport run(String account) {
        CheckReport report = agent.runOnce(List.of("exchange:" + account)).get(0);
        said.add(report.toString());
        return report;
    }

    /** Two accounts reading these env files on a prod host: the first runs, then the second, whose report this is. */
    CheckReport secondAfterFirst(String firstId, Path first, String secondId, Path second) throws Exception {
        agent("prod", "id: " + firstId + ", credentials: { envFile: " + first + " }",
                "id: " + secondId + ", credentials: { envFile: " + second + " }");
        run(firstId);
        return run(secondId);
    }

    static String verdict(CheckReport r) {
        return r.status() + " " + r.category();
    }

    @Nested
    class OneKeyTwoEnvironments {

        @Test
        void isCriticalForBothAccountsAndNamesTheOneThatStrayed() throws Exception {
            Path prod = envFile("prod/bybit.env", SHARED);
            Path dev = envFile("dev/bybit.env", SHARED);

            CheckReport devReport = secondAfterFirst("bybit-prod", prod, "bybit-dev", dev);
            CheckReport prodReport = run("bybit-prod");

            String key = SHARED.keyFingerprint().toString();
            assertEquals("CRITICAL ENVIRONMENT_MIXED", verdict(devReport), devReport.summary());
            assertEquals("key " + key + " serves two environments on this host: dev here (envFile " + dev + ") and "
                    + "prod for bybit-prod (envFile " + prod + ")", devReport.summary());
            assertEquals("one key must serve one environment: create a separate key for bybit-dev (dev, envFile "
                    + dev + ") and deploy it there; if a source's name does not mean the environment credwatch reads "
                    + "from it, rename the source", devReport.remediation());
            assertEquals("CRITICAL ENVIRONMENT_MIXED", verdict(prodReport), prodReport.summary());
            assertTrue(prodReport.remediation().contains("create a separate key for bybit-dev (dev, envFile " + dev
                    + ")"), prodReport.remediation());
            assertEquals("dev", devReport.details().get("keyEnvironment"));
            assertEquals("envFile " + dev, devReport.details().get("keyEnvironmentFrom"));
            assertEquals("envFile " + prod, prodReport.details().get("keyEnvironmentFrom"));
        }

        @Test
        void clearsOnceTheStrayAccountHasItsOwnKey() throws Exception {
            Path prod = envFile("bots/bybit.env", SHARED);
            Path dev = envFile("bots/bybit-dev.env", SHARED);
            assertEquals("CRITICAL ENVIRONMENT_MIXED", verdict(secondAfterFirst("bybit-prod", prod, "bybit-dev", dev)));

            envFile("bots/bybit-dev.env", OTHER);

            assertFalse(run("bybit-dev").category().name().equals("ENVIRONMENT_MIXED"));
            assertEquals("OK SKIPPED_LOCAL", verdict(run("bybit-prod")));
        }

        @Test
        void isNamedByVariablesAsByFiles() throws Exception {
            env.putAll(Map.of("BYBIT_SHADOW_API_KEY", SHARED.key(), "BYBIT_SHADOW_API_SECRET", SHARED.secret()));
            Path prod = envFile("bybit.env", SHARED);
            agent("prod", "id: bybit-prod, credentials: { envFile: " + prod + " }",
                    "id: bybit-shadow, credentials: { env: [[BYBIT_SHADOW_API_KEY, BYBIT_SHADOW_API_SECRET]] }");

            run("bybit-prod");
            CheckReport shadow = run("bybit-shadow");

            assertEquals("CRITICAL ENVIRONMENT_MIXED", verdict(shadow), shadow.summary());
            assertTrue(shadow.summary().contains("shadow here (env BYBIT_SHADOW_API_KEY+BYBIT_SHADOW_API_SECRET)"),
                    shadow.summary());
        }
    }

    @Nested
    class OneKeyOneEnvironment {

        @Test
        void isOnlyADetail() throws Exception {
            Path main = envFile("prod/bybit-main.env", SHARED);
            Path spare = envFile("bybit-spare.env", SHARED);
            CheckReport spareReport = secondAfterFirst("bybit-main", main, "bybit-spare", spare);

            assertEquals("OK SKIPPED_LOCAL", verdict(spareReport), spareReport.summary());
            assertEquals(List.of(Map.of("account", "bybit-main", "environment", "prod", "source", "envFile " + main)),
                    spareReport.details().get("sameKeyAs"));
            assertEquals("agent.environment", spareReport.details().get("keyEnvironmentFrom"),
                    "a source whose name says no environment counts under the host's");
        }

        @Test
        void differentKeysUnderTwoEnvironmentsAreNothing() throws Exception {
            Path prod = envFile("prod/bybit.env", SHARED);
            Path dev = envFile("dev/bybit.env", OTHER);

            CheckReport devReport = secondAfterFirst("bybit-prod", prod, "bybit-dev", dev);

            assertEquals("OK SKIPPED_LOCAL", verdict(devReport), devReport.summary());
            assertFalse(devReport.details().containsKey("sameKeyAs"));
        }
    }

    @Nested
    class Consumers {

        @Test
        void areAskedOfTheSystemctlOnTheAgentsPath() throws Exception {
            Path bin = Files.createDirectories(dir.resolve("bin"));
            Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
            Path systemctl = Files.writeString(bin.resolve("systemctl"), """
                    #!/bin/sh
                    printf 'MainPID=4242\\nExecMainStartTimestamp=%s\\nLoadState=loaded\\nActiveState=active\\n'
                    """.formatted(DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC).format(started)));
            Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
            env.put("PATH", dir.resolve("nothing-here") + ":" + bin);
            Path file = envFile("bybit.env", SHARED);
            agent("prod", "id: bybit-main, credentials: { envFile: " + file + " }, consumers: [{ unit: mm-bot }]");

            CheckReport report = run("bybit-main");

            assertEquals("WARN ROTATION_NOT_PICKED_UP", verdict(report), report.summary());
            assertTrue(report.summary().startsWith("mm-bot.service started " + started + ", the env file " + file
                    + " changed "), report.summary());
        }
    }
}
