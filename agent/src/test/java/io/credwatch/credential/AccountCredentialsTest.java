package io.credwatch.credential;

import static io.credwatch.credential.Canaries.KEY;
import static io.credwatch.credential.Canaries.OTHER_SECRET;
import static io.credwatch.credential.Canaries.PASSPHRASE;
import static io.credwatch.credential.Canaries.SECRET;
import static io.credwatch.credential.Canaries.clean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.config.ConfigLoader;
import io.credwatch.config.CredentialSources;
import io.credwatch.config.Environment;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.config.ExchangeType;
import io.credwatch.credential.SourceAttempt.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** An account's sources, built from its YAML, looked at in the order the operator wrote them. */
class AccountCredentialsTest {

    @TempDir
    Path dir;
    final Map<String, String> env = new HashMap<>();
    /** Counts how often the Secrets Manager client is asked for; none of these tests may reach it. */
    final AtomicInteger secretsManagerWanted = new AtomicInteger();
    final Supplier<SecretsManagerClient> secretsManager = () -> {
        secretsManagerWanted.incrementAndGet();
        throw new IllegalStateException("Secrets Manager must not be asked");
    };
    final AccountCredentials credentials = new AccountCredentials(env, secretsManager, Clock.systemUTC());

    ExchangeAccountConfig account(String type, String credentialsYaml) throws Exception {
        return new ConfigLoader(Map.of(), Path.of("/nonexistent/credwatch.yaml")).parse("""
                exchanges:
                  - id: main
                    type: %s
                    credentials:
                %s
                """.formatted(type, credentialsYaml.indent(6))).exchanges().get(0);
    }

    CredentialResolution resolve(ExchangeAccountConfig account) throws InterruptedException {
        return clean(credentials.resolver(account, Environment.PROD).resolve(Instant.now().plusSeconds(30)));
    }

    Path envFile(String text) throws IOException {
        Path file = dir.resolve("cryptocom.env");
        Files.writeString(file, text);
        return file;
    }

    @Nested
    class Order {
        @Test
        void sourcesAreBuiltInTheWrittenOrderWithEnvGroupsAtTheEnvPlace() throws Exception {
            ExchangeAccountConfig a = account("cryptocom", """
                    secretsManager: mm-bot/prod/cryptocom
                    envFile: /etc/credwatch/cryptocom.env
                    env: [[CUSTOM_KEY, CUSTOM_SECRET], [CRYPTO_COM_API_KEY, CRYPTO_COM_API_SECRET]]
                    systemdCredential: cryptocom
                    """);
            assertEquals(List.of("secretsManager mm-bot/prod/cryptocom", "envFile /etc/credwatch/cryptocom.env",
                            "env CUSTOM_KEY+CUSTOM_SECRET", "env CRYPTO_COM_API_KEY+CRYPTO_COM_API_SECRET",
                            "systemdCredential cryptocom"),
                    credentials.sources(a, Environment.PROD).stream().map(CredentialSource::name).toList());
            assertEquals(0, secretsManagerWanted.get(), "building asks no client");
        }

        @Test
        void withoutAFileTheStandardOrderHolds() {
            ExchangeAccountConfig a = new ExchangeAccountConfig("main", ExchangeType.BYBIT, null, null, null, null,
                    null, new CredentialSources(List.of(List.of("K", "S")), "/x.env", "bybit",
                    "mm-bot/bybit"), null, null, null, null);
            assertEquals(List.of("env K+S", "envFile /x.env", "systemdCredential bybit", "secretsManager mm-bot/bybit"),
                    credentials.sources(a, Environment.PROD).stream().map(CredentialSource::name).toList());
        }

        @Test
        void aFoundSourceStopsTheLookSoLaterOnesAreNeverAsked() throws Exception {
            env.put("CRYPTO_COM_API_KEY", KEY);
            env.put("CRYPTO_COM_API_SECRET", SECRET);
            CredentialResolution r = resolve(account("cryptocom", """
                    env: [[CRYPTO_COM_API_KEY, CRYPTO_COM_API_SECRET]]
                    secretsManager: mm-bot/prod/cryptocom
                    """));
            assertEquals(1, r.attempts().size());
            assertEquals("env CRYPTO_COM_API_KEY+CRYPTO_COM_API_SECRET", r.winner().orElseThrow().source());
            assertEquals(0, secretsManagerWanted.get());
        }

        @Test
        void anEarlierHalfPairIsReportedButTheLaterCompleteSourceWins() throws Exception {
            env.put("CUSTOM_KEY", KEY);
            Path file = envFile("CUSTOM_KEY=" + KEY + "\nCUSTOM_SECRET=" + SECRET + "\n");
            CredentialResolution r = resolve(account("cryptocom", """
                    env: [[CUSTOM_KEY, CUSTOM_SECRET]]
                    envFile: %s
                    """.formatted(file)));
            assertEquals(List.of(Outcome.INCOMPLETE, Outcome.FOUND),
                    r.attempts().stream().map(SourceAttempt::outcome).toList());
            assertEquals("CUSTOM_KEY is set but CUSTOM_SECRET is unset", r.incomplete().orElseThrow().reason());
            assertEquals(List.of(file + ": CUSTOM_KEY", file + ": CUSTOM_SECRET"), r.winner().orElseThrow().names());
            assertEquals(ApiCredentials.of(KEY, SECRET), r.credentials().orElseThrow());
        }

        @Test
        void anEnvFileWrittenFirstWinsOverTheEnvironment() throws Exception {
            env.put("CRYPTO_COM_API_KEY", KEY);
            env.put("CRYPTO_COM_API_SECRET", OTHER_SECRET);
            Path file = envFile("CRYPTO_COM_API_KEY=" + KEY + "\nCRYPTO_COM_API_SECRET=" + SECRET + "\n");
            CredentialResolution r = resolve(account("cryptocom", """
                    envFile: %s
                    env: [[CRYPTO_COM_API_KEY, CRYPTO_COM_API_SECRET]]
                    """.formatted(file)));
            assertEquals(SECRET, r.credentials().orElseThrow().secret());
            assertEquals(1, r.attempts().size());
        }

        @Test
        void nothingAnywhereListsEveryAttempt() throws Exception {
            CredentialResolution r = resolve(account("kucoin", """
                    env: [[KUCOIN_API_KEY, KUCOIN_API_SECRET, KUCOIN_API_PASSPHRASE]]
                    envFile: %s
                    systemdCredential: kucoin
                    """.formatted(dir.resolve("absent.env"))));
            assertTrue(r.winner().isEmpty());
            assertEquals(List.of("KUCOIN_API_KEY, KUCOIN_API_SECRET and KUCOIN_API_PASSPHRASE are unset",
                            "no such file",
                            "CREDENTIALS_DIRECTORY is not set: the service was not started with LoadCredential="),
                    r.attempts().stream().map(SourceAttempt::reason).toList());
        }
    }

    @Nested
    class EnvFileNames {
        @Test
        void withoutEnvGroupsTheExchangesConventionalNamesAreLookedFor() throws Exception {
            Path file = envFile("KUCOIN_API_KEY=" + KEY + "\nKUCOIN_API_SECRET=" + SECRET
                    + "\nKUCOIN_API_PASSPHRASE=" + PASSPHRASE + "\n");
            CredentialResolution r = resolve(account("kucoin", "envFile: " + file));
            assertEquals(new ApiCredentials(KEY, SECRET, PASSPHRASE), r.credentials().orElseThrow());
            assertEquals(file + ": KUCOIN_API_PASSPHRASE", r.winner().orElseThrow().names().get(2));
        }

        @Test
        void everyExchangeHasConventionalNames() {
            assertEquals(List.of("CRYPTO_COM_API_KEY", "CRYPTO_COM_API_SECRET"),
                    ConventionalNames.of(ExchangeType.CRYPTOCOM));
            assertEquals(List.of("BYBIT_API_KEY", "BYBIT_API_SECRET"), ConventionalNames.of(ExchangeType.BYBIT));
            assertEquals(List.of("BINANCE_API_KEY", "BINANCE_API_SECRET"), ConventionalNames.of(ExchangeType.BINANCE));
            assertEquals(List.of("APCA_API_KEY_ID", "APCA_API_SECRET_KEY"), ConventionalNames.of(ExchangeType.ALPACA));
            for (ExchangeType type : ExchangeType.values()) {
                assertEquals(type.credentialParts(), ConventionalNames.of(type).size(), type.label());
            }
        }

        @Test
        void theAccountsOwnGroupsReplaceTheConventionalNames() throws Exception {
            Path file = envFile("CRYPTO_COM_API_KEY=" + KEY + "\nCRYPTO_COM_API_SECRET=" + SECRET + "\n");
            CredentialResolution r = resolve(account("cryptocom", """
                    envFile: %s
                    env: [[CUSTOM_KEY, CUSTOM_SECRET]]
                    """.formatted(file)));
            assertTrue(r.winner().isEmpty());
            assertEquals("CUSTOM_KEY and CUSTOM_SECRET are unset", r.attempts().get(0).reason());
        }
    }

    @Nested
    class Rereading {
        @Test
        void aRewrittenFileIsSeenByTheSameResolver() throws Exception {
            Path file = envFile("CRYPTO_COM_API_KEY=" + KEY + "\nCRYPTO_COM_API_SECRET=" + SECRET + "\n");
            CredentialResolver resolver = credentials.resolver(account("cryptocom", "envFile: " + file),
                    Environment.PROD);
            Instant deadline = Instant.now().plusSeconds(30);
            assertEquals(SECRET, clean(resolver.resolve(deadline)).credentials().orElseThrow().secret());

            Files.writeString(file, "CRYPTO_COM_API_KEY=" + KEY + "\nCRYPTO_COM_API_SECRET=" + OTHER_SECRET + "\n");
            assertEquals(OTHER_SECRET, clean(resolver.resolve(deadline)).credentials().orElseThrow().secret());

            Files.writeString(file, "CRYPTO_COM_API_KEY=" + KEY + "\n");
            CredentialResolution half = clean(resolver.resolve(deadline));
            assertEquals(Outcome.INCOMPLETE, half.attempts().get(0).outcome());

            Files.delete(file);
            assertEquals("no such file", clean(resolver.resolve(deadline)).attempts().get(0).reason());
        }

        @Test
        void aSystemdCredentialAppearingLaterIsSeen() throws Exception {
            CredentialResolver resolver = credentials.resolver(account("bybit", "systemdCredential: bybit"),
                    Environment.PROD);
            Instant deadline = Instant.now().plusSeconds(30);
            assertEquals(Outcome.EMPTY, clean(resolver.resolve(deadline)).attempts().get(0).outcome());
            env.put("CREDENTIALS_DIRECTORY", dir.toString());
            Files.writeString(dir.resolve("bybit.key"), KEY + "\n");
            Files.writeString(dir.resolve("bybit.secret"), SECRET + "\n");
            assertEquals(ApiCredentials.of(KEY, SECRET), clean(resolver.resolve(deadline)).credentials().orElseThrow());
        }
    }
}
