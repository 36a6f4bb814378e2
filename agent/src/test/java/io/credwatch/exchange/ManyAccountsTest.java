package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.Agent;
import io.credwatch.check.CheckReport;
import io.credwatch.check.Status;
import io.credwatch.config.ConfigLoader;
import io.credwatch.config.LoadedConfig;
import io.credwatch.testing.IpEcho;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hundred accounts on one host, five of them on an exchange that hangs: one round ends
 * well within the interval, the hung five end as TIMEOUT within their own bound, the other
 * ninety-five are not held up, and later rounds leave no threads behind.
 */
@Timeout(120)
class ManyAccountsTest {

    static final int ACCOUNTS = 100;
    static final int HUNG = 5;

    @TempDir
    Path dir;

    /** The agent's own threads, not the fake exchanges' (whose hung handlers hold one each on purpose). */
    static List<String> agentThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> !name.startsWith("fake-server")).sorted().toList();
    }

    @Test
    void aHundredAccountsFinishOneRoundWithinTheIntervalAndAHungExchangeHoldsUpOnlyItsOwn() throws Exception {
        ApiCredentials pair = new ApiCredentials("CANARYKEY-many-0123456789", "CANARY-SECRET-many-777", "");
        try (IpEcho echo = new IpEcho("198.51.100.23"); FakeBybit good = new FakeBybit(pair);
             FakeBybit hung = new FakeBybit(pair)) {
            good.keyInfo = good.keyInfo.replace("\"Withdraw\"", "\"Spot\"").replace("198.51.100.4", "198.51.100.23");
            hung.misbehave("/v5/market/time", FakeExchange.Misbehaviour.HANG);
            StringBuilder yaml = new StringBuilder("""
                    agent: { stateDir: %s, executionContext: AWS }
                    checks:
                      aws-credentials: { enabled: false }
                      egress-ip: { sources: ["%s"] }
                    exchanges:
                    """.formatted(dir.resolve("state"), echo.uri("/")));
            Map<String, String> env = new HashMap<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                yaml.append("""
                          - id: bybit-%03d
                            type: bybit
                            baseUrl: %s
                            interval: 1m
                            timeout: 1s
                            credentials: { env: [[KEY_%d, SECRET_%d]] }
                        """.formatted(i, (i < HUNG ? hung : good).uri(""), i, i));
                env.put("KEY_" + i, pair.key());
                env.put("SECRET_" + i, pair.secret());
            }
            Path config = Files.writeString(dir.resolve("credwatch.yaml"), yaml.toString());
            ConfigLoader loader = new ConfigLoader(Map.of(), dir.resolve("none.yaml"));
            LoadedConfig loaded = loader.load(Optional.of(config));

            try (Agent agent = Agent.oneShot(loaded, loader, env, Clock.systemUTC())) {
                long started = System.nanoTime();
                List<CheckReport> first = agent.runOnce(List.of());
                Duration round = Duration.ofNanos(System.nanoTime() - started);
                agent.runOnce(List.of());
                List<String> threadsAfterSecond = agentThreads();
                agent.runOnce(List.of());
                agent.runOnce(List.of());
                List<String> threadsAfterFourth = agentThreads();

                assertEquals(ACCOUNTS + 1, first.size());
                long ok = first.stream().filter(r -> r.id().startsWith("exchange:") && r.status() == Status.OK).count();
                long timedOut = first.stream().filter(r -> r.category().name().equals("TIMEOUT")).count();
                assertEquals(ACCOUNTS - HUNG, ok, first.toString());
                assertEquals(HUNG, timedOut, first.toString());
                assertTrue(round.compareTo(Duration.ofSeconds(30)) < 0, "one round took " + round);
                assertTrue(threadsAfterFourth.size() <= threadsAfterSecond.size(),
                        "threads grew from " + threadsAfterSecond + " to " + threadsAfterFourth);
                System.out.printf("100 accounts, 5 hung: round %d ms, agent threads %d then %d%n", round.toMillis(),
                        threadsAfterSecond.size(), threadsAfterFourth.size());
            }
        }
    }
}
