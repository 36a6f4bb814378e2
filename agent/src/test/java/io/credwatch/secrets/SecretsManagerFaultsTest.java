package io.credwatch.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.awsclient.AwsClients;
import io.credwatch.check.CheckResult;
import io.credwatch.config.Environment;
import io.credwatch.config.SecretsRotationCheckConfig;
import io.credwatch.credential.SecretsManagerSource;
import io.credwatch.credential.SourceAttempt;
import io.credwatch.testing.AwsSettings;
import io.credwatch.testing.Fault;
import io.credwatch.testing.FaultMatrix;
import io.credwatch.testing.FaultyServer;
import io.credwatch.testing.TestPools;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Secrets Manager failing in every way, reached through {@code AWS_ENDPOINT_URL} with the
 * daemon's client and the host's own key: the secrets-rotation check is UNKNOWN with the
 * fault's category, and an exchange key's Secrets Manager source is FAILED saying the same.
 */
@Timeout(30)
class SecretsManagerFaultsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final String FIRST = "mm-bot/prod/cryptocom/api_key";
    static final String SECOND = "mm-bot/prod/bybit/api_key";
    final Clock clock = Clock.systemUTC();

    /**
     * The first Secrets Manager call in a JVM loads the SDK's classes, past a 2 s budget on a
     * small machine: a cost of the first run after start, not of a fault.
     */
    @BeforeAll
    static void loadTheClient() throws Exception {
        try (FaultyServer down = new FaultyServer(Fault.STATUS_5XX);
             AwsSettings settings = new AwsSettings().endpoint(down.uri()).hostKey();
             AwsClients aws = new AwsClients(Duration.ofSeconds(5), TestPools.TIMER)) {
            new SecretsManagerSource(FIRST, 2, Environment.PROD, aws.secretsManager(), Clock.systemUTC())
                    .look(Instant.now().plus(TIMEOUT));
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void theRotationCheckIsUnknownWithTheFaultsCategory(Fault fault) throws Exception {
        try (FaultyServer server = new FaultyServer(fault);
             AwsSettings settings = new AwsSettings().endpoint(server.uri()).hostKey();
             AwsClients aws = new AwsClients(Duration.ofSeconds(5), TestPools.TIMER)) {
            SecretsRotationCheck check = new SecretsRotationCheck(new SecretsRotationCheckConfig(null, null, TIMEOUT,
                    List.of(FIRST, SECOND), null, null), Environment.PROD, aws.secretsManager(),
                    List.of());

            CheckResult result = FaultMatrix.assertUnknownWithTheFaultsCategory("secretsmanager (rotation)", fault,
                    check, TIMEOUT, server);

            assertTrue(result.summary().startsWith("secretsmanager:DescribeSecret on the secret " + FIRST + " failed: "),
                    result.summary());
            assertFalse(result.summary().contains("Exception"), result.summary());
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void anExchangeKeysSourceFailsWithTheFaultsCategory(Fault fault) throws Exception {
        try (FaultyServer server = new FaultyServer(fault);
             AwsSettings settings = new AwsSettings().endpoint(server.uri()).hostKey();
             AwsClients aws = new AwsClients(Duration.ofSeconds(5), TestPools.TIMER)) {
            SecretsManagerSource source = new SecretsManagerSource("mm-bot/prod/cryptocom", 2, Environment.PROD,
                    aws.secretsManager(), clock);

            long started = System.nanoTime();
            SourceAttempt attempt = source.look(clock.instant().plus(TIMEOUT));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            System.out.printf("matrix secretsmanager (source) %s -> %s in %d ms: %s%n", fault, attempt.outcome(),
                    took.toMillis(), attempt.reason());
            assertTrue(took.compareTo(TIMEOUT.plus(FaultMatrix.SLACK)) < 0, "took " + took);
            assertEquals(SourceAttempt.Outcome.FAILED, attempt.outcome(), attempt::toString);
            assertTrue(attempt.reason().startsWith(fault.category() + ": GetSecretValue on mm-bot/prod/cryptocom: "),
                    attempt.reason());
            assertFalse(attempt.reason().contains(FaultyServer.GARBAGE_MARKER), attempt.reason());
            assertTrue(server.bodyBytesSent() < FaultyServer.HUGE_BYTES / 2, "read " + server.bodyBytesSent());
        }
    }
}
