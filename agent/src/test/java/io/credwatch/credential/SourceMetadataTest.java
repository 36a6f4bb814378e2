package io.credwatch.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.aws.FakeAws;
import io.credwatch.aws.FakeSecretsManager.Secret;
import io.credwatch.awsclient.AwsClients;
import io.credwatch.config.Environment;
import io.credwatch.config.SourceEnvironment;
import io.credwatch.testing.AwsSettings;
import io.credwatch.testing.TestPools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a source tells of itself besides its key: when what it holds last changed, and the
 * environment its own name says. Never by reading a value it would not read anyway.
 */
@Timeout(60)
class SourceMetadataTest {

    static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

    @Nested
    class WhenTheKeyLastChanged {

        @TempDir
        Path dir;

        @Test
        void anEnvFileSaysItsModificationTimeWhenThatIsTheLater() throws Exception {
            Path file = Files.writeString(dir.resolve("bybit.env"), "BYBIT_API_KEY=k\nBYBIT_API_SECRET=s\n");
            Instant later = Instant.now().plus(Duration.ofHours(2));
            Files.setLastModifiedTime(file, FileTime.from(later));

            SourceChange change = new EnvFileSource(file, List.of(List.of("BYBIT_API_KEY", "BYBIT_API_SECRET")))
                    .lastChange(Instant.now().plusSeconds(5));

            assertEquals(Optional.of(later), change.at());
            assertEquals("the env file " + file, change.what());
        }

        @Test
        void anEnvFileCopiedWithItsOldModificationTimeSaysWhenItWasPutInPlace() throws Exception {
            Instant before = Instant.now().minusSeconds(1);
            Path file = Files.writeString(dir.resolve("bybit.env"), "BYBIT_API_KEY=k\nBYBIT_API_SECRET=s\n");
            // As rsync -a and cp -p leave it: the source's old time, on an inode changed now.
            Files.setLastModifiedTime(file, FileTime.from(LONG_AGO));

            Instant at = new EnvFileSource(file, List.of(List.of("K", "S"))).lastChange(Instant.now()).at()
                    .orElseThrow();

            assertTrue(at.isAfter(before), at + " is the old modification time, not when the file changed");
        }

        @Test
        void aMissingEnvFileCannotTell() throws Exception {
            SourceChange change = new EnvFileSource(dir.resolve("none.env"), List.of(List.of("K", "S")))
                    .lastChange(Instant.now());

            assertEquals(Optional.empty(), change.at());
            assertEquals("cannot read its times: NoSuchFileException", change.unknown());
        }

        @Test
        void environmentVariablesAndSystemdCredentialsCannotTell() throws Exception {
            Files.writeString(dir.resolve("bybit-main.key"), "k");
            Files.writeString(dir.resolve("bybit-main.secret"), "s");

            SourceChange env = new EnvVarSource(List.of("K", "S"), Map.of("K", "k", "S", "s")).lastChange(Instant.now());
            SourceChange systemd = new SystemdCredentialSource("bybit-main", 2,
                    Map.of("CREDENTIALS_DIRECTORY", dir.toString())).lastChange(Instant.now());

            assertEquals("environment variables keep no time of change", env.unknown());
            assertEquals(Optional.empty(), systemd.at(), "the copy's time is credwatch's start, not the rotation's");
            assertTrue(systemd.unknown().startsWith("credwatch's copy is written when credwatch starts"),
                    systemd.unknown());
        }
    }

    @Nested
    class WhenASecretLastChanged {

        static final String NAME = "mm-bot/prod/bybit";
        final Clock clock = Clock.systemUTC();
        FakeAws aws;
        AwsSettings settings;
        AwsClients clients;

        @BeforeEach
        void start() {
            aws = new FakeAws().key(AwsSettings.HOST_KEY_ID, AwsSettings.HOST_SECRET);
            settings = new AwsSettings().endpoint(aws.uri("")).hostKey();
            clients = new AwsClients(Duration.ofSeconds(5), TestPools.TIMER);
        }

        @AfterEach
        void stop() {
            settings.close();
            clients.close();
            aws.close();
        }

        SourceChange lastChange(String name, Environment host) throws InterruptedException {
            return new SecretsManagerSource(name, 2, host, clients.secretsManager(), clock)
                    .lastChange(clock.instant().plusSeconds(10));
        }

        @Test
        void isItsLastChangedDateAskedWithDescribeSecretAlone() throws Exception {
            Instant changed = Instant.parse("2026-12-06T03:00:00Z");
            aws.secretsManager.put(new Secret(NAME, Optional.of("{}"), LONG_AGO, changed, Optional.empty(),
                    Optional.empty(), false, Optional.empty()));

            SourceChange change = lastChange(NAME, Environment.PROD);

            assertEquals(Optional.of(changed), change.at());
            assertEquals("the key in Secrets Manager " + NAME, change.what());
            assertEquals(List.of(NAME), aws.secretsManager.subjects("DescribeSecret"));
            assertEquals(List.of(), aws.secretsManager.subjects("GetSecretValue"), "a value read for a date");
        }

        @Test
        void ofSecretsPerPartIsTheLatestPart() throws Exception {
            Instant keyChanged = Instant.parse("2026-12-06T03:00:00Z");
            aws.secretsManager.put(Secret.of(NAME + "/api_key", "k", LONG_AGO).rotated(keyChanged));
            aws.secretsManager.put(Secret.of(NAME + "/api_secret", "s", LONG_AGO));

            assertEquals(Optional.of(keyChanged), lastChange(NAME, Environment.PROD).at());
            assertEquals(List.of(NAME, NAME + "/api_key", NAME + "/api_secret"),
                    aws.secretsManager.subjects("DescribeSecret"));
        }

        @Test
        void aDenialNamesThePermissionToGrant() throws Exception {
            aws.secretsManager.put(Secret.of(NAME, "{}", LONG_AGO));
            aws.secretsManager.denied.add(NAME);

            SourceChange change = lastChange(NAME, Environment.PROD);

            assertEquals(Optional.empty(), change.at());
            assertEquals("ACCESS_DENIED: grant secretsmanager:DescribeSecret on " + NAME
                    + " to arn:aws:iam::123456789012:user/bot", change.unknown());
        }

        @Test
        void ofAnotherEnvironmentIsNotEvenDescribed() throws Exception {
            aws.secretsManager.put(Secret.of(NAME, "{}", LONG_AGO));

            SourceChange change = lastChange(NAME, Environment.DEV);

            assertEquals("not asked: a secret of another environment", change.unknown());
            assertEquals(List.of(), aws.secretsManager.calls);
        }
    }

    @Nested
    class TheEnvironmentASourceNames {

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(nullValues = "none", value = {
                "/etc/mm-bot/dev/bybit.env, dev",
                "/etc/mm-bot/bybit-prod.env, prod",
                "/etc/mm-bot/.env.soak, soak",
                "/home/dev/bots/prod.env, prod",
                "/dev/shm/bybit.env, none",
                "/dev/shm/shadow/bybit.env, shadow",
                "/etc/mm-bot/development.env, none",
                "/etc/mm-bot/bybit.env, none"})
        void anEnvFilesPathSaysItNearestTheFile(String path, String environment) {
            Optional<Environment> expected = Optional.ofNullable(environment).map(Environment::parse);

            assertEquals(expected, new EnvFileSource(Path.of(path), List.of(List.of("K", "S"))).environmentNamed());
            assertEquals(expected, SourceEnvironment.ofPath(Path.of(path)));
        }

        @Test
        void variablesCredentialsAndSecretsSayItByTheirNames() {
            assertEquals(Optional.of(Environment.DEV), new EnvVarSource(List.of("BYBIT_DEV_API_KEY",
                    "BYBIT_DEV_API_SECRET"), Map.of()).environmentNamed());
            assertEquals(Optional.empty(), new EnvVarSource(List.of("BYBIT_API_KEY", "BYBIT_API_SECRET"), Map.of())
                    .environmentNamed());
            assertEquals(Optional.of(Environment.SHADOW), new SystemdCredentialSource("bybit-shadow", 2, Map.of())
                    .environmentNamed());
            assertEquals(Optional.of(Environment.PROD), new SecretsManagerSource("mm-bot/prod/bybit", 2,
                    Environment.PROD, () -> null, Clock.systemUTC()).environmentNamed());
            assertEquals(Optional.empty(), new SecretsManagerSource("mm-bot/bybit", 2, Environment.PROD, () -> null,
                    Clock.systemUTC()).environmentNamed());
        }
    }
}
