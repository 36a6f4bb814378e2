package io.credwatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of(), Path.of("/nonexistent/credwatch.yaml"));

    private ConfigException refused(String yaml) {
        return assertThrows(ConfigException.class, () -> loader.parse(yaml));
    }

    @Nested
    class Defaults {
        @Test
        void noFileAnywhereMeansBuiltInDefaults() throws Exception {
            LoadedConfig loaded = loader.load(Optional.empty());
            assertTrue(loaded.file().isEmpty());
            CredwatchConfig c = loaded.config();
            assertEquals("127.0.0.1", c.http().bind());
            assertEquals(9797, c.http().port());
            assertEquals(ExecutionContext.LOCAL, c.agent().executionContext());
            assertEquals(Environment.DEV, c.agent().environment());
            assertEquals(Duration.ofMinutes(1), c.checks().egressIp().interval());
            assertEquals(List.of("imds", "https://checkip.amazonaws.com"), c.checks().egressIp().sources());
            assertEquals(Path.of("/var/lib/credwatch"), c.agent().stateDir());
            assertTrue(c.jmx().enabled());
            assertFalse(c.http().whoami());
            assertEquals("text", c.logging().format());
        }

        @Test
        void emptyTextMeansDefaults() throws Exception {
            assertEquals(9797, loader.parse("").http().port());
            assertEquals(9797, loader.parse("# only a comment\n").http().port());
        }

        @Test
        void systemdStateDirectoryIsUsedWhenTheFileSetsNone() throws Exception {
            ConfigLoader underSystemd = new ConfigLoader(Map.of("STATE_DIRECTORY", "/var/lib/credwatch2:/other"));
            assertEquals(Path.of("/var/lib/credwatch2"), underSystemd.parse("").agent().stateDir());
            assertEquals(Path.of("/srv/state"), underSystemd.parse("agent: { stateDir: /srv/state }").agent().stateDir());
        }

        @Test
        void aStateDirectoryOfOnlySeparatorsMeansTheDefault() throws Exception {
            ConfigLoader underSystemd = new ConfigLoader(Map.of("STATE_DIRECTORY", ":"));
            assertEquals(Path.of("/var/lib/credwatch"), underSystemd.parse("").agent().stateDir());
            assertEquals(Path.of("/srv/x"), new ConfigLoader(Map.of("STATE_DIRECTORY", "::/srv/x")).parse("")
                    .agent().stateDir());
        }

        @Test
        void flapCountsAreUnsetUnlessWrittenPerCheckAndPerAccount() throws Exception {
            var c = loader.parse("""
                    checks: { egress-ip: { raiseAfter: 5, clearAfter: 2 } }
                    exchanges: [{ id: a, type: bybit, raiseDefinitiveAfter: 2, credentials: { env: [[K, S]] } }]
                    """);
            assertEquals(5, c.checks().egressIp().raiseAfter());
            assertEquals(2, c.checks().egressIp().clearAfter());
            assertEquals(null, c.checks().egressIp().raiseDefinitiveAfter(), "null: the core's default");
            assertEquals(2, c.exchanges().get(0).raiseDefinitiveAfter());
            assertEquals(null, c.checks().awsCredentials().raiseAfter());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "checks: { aws-credentials: { raiseAfter: 0 } } | checks.aws-credentials.raiseAfter: 0 is not a number "
                    + "of runs in a row (1-100)",
            "checks: { plaintext-secrets: { clearAfter: 101 } } | checks.plaintext-secrets.clearAfter: 101 is not a "
                    + "number of runs in a row (1-100)",
            "'exchanges: [{ id: a, type: bybit, raiseDefinitiveAfter: -1, credentials: { env: [[K, S]] } }]' "
                    + "| exchanges[0].raiseDefinitiveAfter: -1 is not a number of runs in a row (1-100)"})
        void aFlapCountOutsideOneToAHundredIsRefusedWithItsPath(String yaml, String message) {
            assertEquals(message, refused(yaml).getMessage());
        }

        @Test
        void anAccountMaySendSixtySignedCallsAnHourUnlessWrittenOtherwise() throws Exception {
            var c = loader.parse("""
                    exchanges:
                      - { id: a, type: bybit, credentials: { env: [[K, S]] } }
                      - { id: b, type: cryptocom, interval: 30s, maxPrivateCallsPerHour: 240, credentials: { env: [[K, S]] } }
                    """);
            assertEquals(60, c.exchanges().get(0).maxPrivateCallsPerHour());
            assertEquals(240, c.exchanges().get(1).maxPrivateCallsPerHour(), "two a run, every 30 s: 240 fits");
        }

        @Test
        void aScheduleThatJustFitsTheBudgetIsAccepted() throws Exception {
            var c = loader.parse("""
                    exchanges:
                      - { id: a, type: binance, interval: 1m, credentials: { env: [[K, S]] } }
                      - { id: b, type: kucoin, interval: 2m, credentials: { env: [[K, S, P]] } }
                    """);
            assertEquals(2, c.exchanges().size());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "'exchanges: [{ id: a, type: bybit, maxPrivateCallsPerHour: 0, credentials: { env: [[K, S]] } }]' "
                    + "| exchanges[0].maxPrivateCallsPerHour: 0 is not a number of signed calls an hour (1-3600)",
            "'exchanges: [{ id: a, type: bybit, maxPrivateCallsPerHour: 3601, credentials: { env: [[K, S]] } }]' "
                    + "| exchanges[0].maxPrivateCallsPerHour: 3601 is not a number of signed calls an hour (1-3600)",
            "'exchanges: [{ id: a, type: cryptocom, maxPrivateCallsPerHour: 1, credentials: { env: [[K, S]] } }]' "
                    + "| exchanges[0].maxPrivateCallsPerHour: 1 is fewer than the 2 signed calls one run of a "
                    + "cryptocom account makes; raise it to at least 2",
            "'exchanges: [{ id: a, type: cryptocom, interval: 30s, credentials: { env: [[K, S]] } }]' "
                    + "| exchanges[0].maxPrivateCallsPerHour: 60 is fewer than the 240 signed calls an hour that "
                    + "interval 30s makes (2 a run); raise it to 240 or make the interval at least 2m",
            "'exchanges: [{ id: a, type: binance, interval: 1s, credentials: { env: [[K, S]] } }]' "
                    + "| exchanges[0].maxPrivateCallsPerHour: 60 is fewer than the 3600 signed calls an hour that "
                    + "interval 1s makes (1 a run); raise it to 3600 or make the interval at least 1m",
            "'exchanges: [{ id: a, type: kucoin, interval: 1s, maxPrivateCallsPerHour: 3600, credentials: { env: [[K, S, P]] } }]' "
                    + "| exchanges[0].maxPrivateCallsPerHour: 3600 is fewer than the 7200 signed calls an hour that "
                    + "interval 1s makes (2 a run); make the interval at least 2s"})
        void aCallBudgetOutOfRangeOrSpentByTheScheduleAloneIsRefusedWithItsPath(String yaml, String message) {
            assertEquals(message, refused(yaml).getMessage());
        }

        @Test
        void anExpectedAccountIsUnsetUnlessWrittenAndKeepsItsLeadingZeros() throws Exception {
            assertEquals("", loader.parse("").checks().awsCredentials().expectedAccount());
            assertEquals("012345678901", loader.parse("checks: { aws-credentials: { expectedAccount: \"012345678901\" } }")
                    .checks().awsCredentials().expectedAccount());
            // Unquoted, YAML reads a number; it is taken as written, leading zero included.
            assertEquals("012345678901", loader.parse("checks: { aws-credentials: { expectedAccount: 012345678901 } }")
                    .checks().awsCredentials().expectedAccount());
            assertEquals("123456789012", loader.parse("checks: { aws-credentials: { expectedAccount: 123456789012 } }")
                    .checks().awsCredentials().expectedAccount());
        }

        @Test
        void maxAgeDefaultsPerEnvironmentAndCanBeOverriddenOneByOne() throws Exception {
            var c = loader.parse("checks: { secrets-rotation: { maxAge: { prod: 14d } } }");
            assertEquals(Duration.ofDays(14), c.checks().secretsRotation().maxAge().get(Environment.PROD));
            assertEquals(Duration.ofDays(180), c.checks().secretsRotation().maxAge().get(Environment.DEV));
        }
    }

    @Nested
    class Locating {
        @Test
        void explicitFileWinsOverEnvironmentVariable(@TempDir Path dir) throws Exception {
            Path explicit = Files.writeString(dir.resolve("a.yaml"), "http: { port: 1111 }");
            Path fromEnv = Files.writeString(dir.resolve("b.yaml"), "http: { port: 2222 }");
            ConfigLoader l = new ConfigLoader(Map.of("CREDWATCH_CONFIG", fromEnv.toString()), dir.resolve("c.yaml"));
            assertEquals(1111, l.load(Optional.of(explicit)).config().http().port());
            assertEquals(2222, l.load(Optional.empty()).config().http().port());
            assertEquals(Optional.of(fromEnv), l.load(Optional.empty()).file());
        }

        @Test
        void defaultFileIsReadWhenPresent(@TempDir Path dir) throws Exception {
            Path def = Files.writeString(dir.resolve("credwatch.yaml"), "http: { port: 3333 }");
            assertEquals(3333, new ConfigLoader(Map.of(), def).load(Optional.empty()).config().http().port());
        }

        @Test
        void aNamedFileThatDoesNotExistIsAnErrorNotDefaults(@TempDir Path dir) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> loader.load(Optional.of(dir.resolve("missing.yaml"))));
            assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        }

        @Test
        void executionContextVariableOverridesTheFile() throws Exception {
            ConfigLoader l = new ConfigLoader(Map.of("EXECUTION_CONTEXT", "aws"), Path.of("/nonexistent"));
            assertEquals(ExecutionContext.AWS, l.parse("agent: { executionContext: LOCAL }").agent().executionContext());
        }

        @Test
        void aBadExecutionContextVariableIsNamed() {
            ConfigLoader l = new ConfigLoader(Map.of("EXECUTION_CONTEXT", "cloud"), Path.of("/nonexistent"));
            ConfigException e = assertThrows(ConfigException.class, () -> l.parse(""));
            assertEquals("$EXECUTION_CONTEXT: unknown execution context 'cloud'; one of LOCAL, AWS", e.getMessage());
        }
    }

    @Nested
    class TheSpecExample {
        @Test
        void theExampleFromTheSpecIsAccepted() throws Exception {
            String yaml = """
                    agent:
                      environment: prod
                      executionContext: AWS
                      stateDir: /var/lib/credwatch
                    http: { bind: 127.0.0.1, port: 9797, tokenFile: "", whoami: false }
                    jmx: { enabled: true }
                    checks:
                      aws-credentials: { interval: 5m, warnBefore: 6h, criticalBefore: 1h }
                      egress-ip: { interval: 1m, sources: [imds, "https://checkip.amazonaws.com"], allowlist: [] }
                      secrets-rotation:
                        interval: 1h
                        names: []
                        prefix: "mm-bot/prod/"
                        maxAge: { dev: 180d, shadow: 90d, soak: 90d, prod: 30d }
                      plaintext-secrets: { interval: 1h, paths: ["/opt/app/deploy/*.json", "/opt/app/.env"], ignore: [] }
                    exchanges:
                      - id: cryptocom-main
                        type: cryptocom
                        baseUrl: ""
                        interval: 5m
                        timeout: 10s
                        allowlist: [203.0.113.7]
                        credentials:
                          env: [[EXCHANGE_CUSTOM_API_KEY, EXCHANGE_CUSTOM_API_SECRET], [CRYPTO_COM_API_KEY, CRYPTO_COM_API_SECRET]]
                          envFile: /etc/credwatch/cryptocom.env
                          systemdCredential: cryptocom
                          secretsManager: mm-bot/prod/cryptocom
                        expectedFingerprint: ""
                    alerts:
                      remindEvery: 6h
                      webhooks:
                        - url: https://hooks.example.com/T000/B000
                          format: json
                    """;
            CredwatchConfig c = loader.parse(yaml);
            assertEquals(Environment.PROD, c.agent().environment());
            assertEquals(ExchangeType.CRYPTOCOM, c.exchanges().get(0).type());
            assertEquals(Duration.ofSeconds(10), c.exchanges().get(0).timeout());
            assertEquals(List.of("CRYPTO_COM_API_KEY", "CRYPTO_COM_API_SECRET"),
                    c.exchanges().get(0).credentials().env().get(1));
            assertEquals("exchange:cryptocom-main", c.exchanges().get(0).checkId());
            assertEquals(Duration.ofHours(6), c.alerts().remindEvery());
            // Every kind of value the records hold, bound from the file rather than defaulted:
            assertEquals(ExecutionContext.AWS, c.agent().executionContext());
            assertEquals(Path.of("/var/lib/credwatch"), c.agent().stateDir());
            assertEquals(9797, c.http().port());
            assertFalse(c.http().whoami());
            assertEquals(Duration.ofHours(6), c.checks().awsCredentials().warnBefore());
            assertEquals(List.of("imds", "https://checkip.amazonaws.com"), c.checks().egressIp().sources());
            assertEquals("mm-bot/prod/", c.checks().secretsRotation().prefix());
            assertEquals(Duration.ofDays(30), c.checks().secretsRotation().maxAge().get(Environment.PROD));
            assertEquals(List.of("/opt/app/deploy/*.json", "/opt/app/.env"), c.checks().plaintextSecrets().paths());
            assertEquals(List.of("203.0.113.7"), c.exchanges().get(0).allowlist());
            assertEquals("/etc/credwatch/cryptocom.env", c.exchanges().get(0).credentials().envFile());
            assertEquals("mm-bot/prod/cryptocom", c.exchanges().get(0).credentials().secretsManager());
            assertEquals("json", c.alerts().webhooks().get(0).format());
        }

        @Test
        void numbersAndTruthWrittenAsTextAreTheSameValues() throws Exception {
            CredwatchConfig c = loader.parse("http: { port: \"9797\", whoami: \"true\" }\njmx: { enabled: False }");
            assertEquals(9797, c.http().port());
            assertTrue(c.http().whoami());
            assertFalse(c.jmx().enabled());
        }

        @Test
        void aKeyWithNothingAfterItIsAsIfNotWritten() throws Exception {
            CredwatchConfig c = loader.parse("agent:\nhttp: { port: }\nchecks: { egress-ip: }");
            assertEquals(9797, c.http().port());
            assertEquals(CredwatchConfig.defaults().checks().egressIp(), c.checks().egressIp());
        }
    }

    @Nested
    class CredentialSourceOrder {
        @Test
        void sourcesAreTriedInTheOrderTheyAreWritten() throws Exception {
            CredwatchConfig c = loader.parse("""
                    exchanges:
                      - id: a
                        type: bybit
                        credentials:
                          secretsManager: mm-bot/prod/bybit
                          env: [[K, S]]
                          systemdCredential: bybit
                      - id: b
                        type: binance
                        credentials: { envFile: /etc/credwatch/b.env, env: [[K, S]] }
                    """);
            assertEquals(List.of("secretsManager", "env", "systemdCredential", "envFile"),
                    c.exchanges().get(0).credentials().order());
            assertEquals(List.of("envFile", "env", "systemdCredential", "secretsManager"),
                    c.exchanges().get(1).credentials().order());
        }

        @Test
        void withoutAFileTheOrderIsTheStandardOne() {
            assertEquals(CredentialSources.STANDARD_ORDER, new CredentialSources(List.of(), "x", "", "").order());
        }

        @Test
        void theOrderIsNotAKeyOfItsOwn() {
            String m = refused("exchanges: [{ id: b, type: bybit, credentials: { env: [[K, S]], order: [env] } }]")
                    .getMessage();
            assertTrue(m.startsWith("exchanges[0].credentials.order: unknown key 'order'"), m);
            assertTrue(m.endsWith("known keys: env, envFile, secretsManager, systemdCredential"), m);
        }
    }

    @Nested
    class Durations {
        @ParameterizedTest
        @CsvSource({"90s,PT1M30S", "5m,PT5M", "6h,PT6H", "30d,PT720H", "500ms,PT0.5S"})
        void durationsAreWrittenWithAUnit(String text, String iso) throws Exception {
            var c = loader.parse("checks: { egress-ip: { interval: 1h, changeWarnFor: " + text + " } }");
            assertEquals(Duration.parse(iso), c.checks().egressIp().changeWarnFor());
        }

        @Test
        void aDurationWithoutUnitIsRefusedWithItsPath() {
            assertEquals("checks.egress-ip.interval: '60' is not a duration; write it like 500ms, 90s, 5m, 6h or 30d",
                    refused("checks: { egress-ip: { interval: 60 } }").getMessage());
        }
    }

    /** The edges of the rules that keep run from failing: what a daemon can use stays accepted. */
    @Nested
    class AcceptedAtTheEdges {

        @ParameterizedTest(name = "{0}")
        @CsvSource({"127.0.0.1", "localhost", "127.0.0.2"})
        void anyLoopbackAddressCanBeTheBindAddress(String bind) throws Exception {
            // 127.0.0.2 is on no interface's list, yet Linux serves all of 127/8 on loopback.
            assertEquals(bind, loader.parse("http: { bind: " + bind + " }").http().bind());
        }

        @Test
        void aBaseUrlMayHaveAPortAndAPath() throws Exception {
            var c = loader.parse("exchanges: [{ id: a, type: bybit, baseUrl: 'http://[::1]:8080/api/v5/', "
                    + "credentials: { env: [[K, S]] } }]");
            assertEquals("http://[::1]:8080/api/v5/", c.exchanges().get(0).baseUrl());
        }

        @Test
        void echoSourcesAndWebhooksMayCarryAQuery() throws Exception {
            var c = loader.parse("""
                    checks: { egress-ip: { sources: ["https://ip.example.com/?token=abc"] } }
                    alerts: { webhooks: [{ url: "https://hooks.example.com/x?key=abc" }] }
                    """);
            assertEquals(List.of("https://ip.example.com/?token=abc"), c.checks().egressIp().sources());
            assertEquals(1, c.alerts().webhooks().size());
        }

        @Test
        void logLinesMayBeJson() throws Exception {
            assertEquals("json", loader.parse("logging: { format: json }").logging().format());
        }

        @Test
        void anAccountSignsWithHmacUnlessItsKeyTypeSaysAPrivateKeyTheExchangeTakes() throws Exception {
            var c = loader.parse("""
                    exchanges:
                      - { id: a, type: cryptocom, credentials: { env: [[K, S]] } }
                      - { id: b, type: binance, keyType: ed25519, credentials: { env: [[K, S]] } }
                      - { id: c, type: binance, keyType: rsa, credentials: { env: [[K, S]] } }
                      - { id: d, type: bybit, keyType: rsa, credentials: { env: [[K, S]] } }
                      - { id: e, type: kucoin, keyType: hmac, credentials: { env: [[K, S, P]] } }
                    """);
            assertEquals(List.of(KeyType.HMAC, KeyType.ED25519, KeyType.RSA, KeyType.RSA, KeyType.HMAC),
                    c.exchanges().stream().map(ExchangeAccountConfig::keyType).toList());
        }

        @Test
        void aYearIsTheLongestIntervalAndTimeout() throws Exception {
            var c = loader.parse("checks: { egress-ip: { interval: 365d, timeout: 365d } }");
            assertEquals(Duration.ofDays(365), c.checks().egressIp().interval());
            String m = refused("checks: { egress-ip: { interval: 366d } }").getMessage();
            assertEquals("checks.egress-ip.interval: 366d is too long; at most 365d", m);
        }
    }

    @Nested
    class Refusals {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                unknown top-level key                  | agnet: {}                                              | agnet: unknown key 'agnet'
                typo in a check key                    | checks: { egress-ip: { intervall: 5m } }               | checks.egress-ip.intervall: unknown key 'intervall'
                unknown check                          | checks: { egres-ip: {} }                               | checks.egres-ip: unknown key 'egres-ip'
                unknown exchange                       | 'exchanges: [{ id: a, type: bybitt, credentials: { env: [[K, S]] } }]' | exchanges[0].type: unknown exchange 'bybitt'; one of cryptocom, bybit, binance, kucoin, alpaca
                unknown environment                    | agent: { environment: staging }                        | agent.environment: unknown environment 'staging'; one of dev, shadow, soak, prod
                port is not a number                   | http: { port: nine }                                   | http.port: expected a whole number
                port out of range                      | http: { port: 70000 }                                  | http.port: 70000 is not a port number
                bind is a host name                    | http: { bind: example.com }                            | http.bind: 'example.com' is not an IP address
                interval too short                     | checks: { egress-ip: { interval: 0s } }                | checks.egress-ip.interval: 0s is too short
                bad source                             | 'checks: { egress-ip: { sources: [imds, "ftp://x"] } }' | checks.egress-ip.sources[1]: 'ftp://x' is not 'imds' or an http(s) URL
                no source                              | 'checks: { egress-ip: { sources: [] } }'               | checks.egress-ip.sources: no source
                bad allowlist entry                    | 'checks: { egress-ip: { allowlist: [203.0.113.300] } }' | checks.egress-ip.allowlist[0]: '203.0.113.300' is not an IP address or CIDR block
                bad CIDR                               | 'checks: { egress-ip: { allowlist: [10.0.0.0/33] } }'  | checks.egress-ip.allowlist[0]: '10.0.0.0/33' is not an IP address
                warn before critical                   | checks: { aws-credentials: { warnBefore: 30m, criticalBefore: 1h } } | checks.aws-credentials.warnBefore: 30m is shorter than criticalBefore (1h)
                account without id                     | 'exchanges: [{ type: bybit, credentials: { env: [[K, S]] } }]' | exchanges[0].id: missing
                account without type                   | 'exchanges: [{ id: a, credentials: { env: [[K, S]] } }]' | exchanges[0].type: missing
                duplicate account id                   | 'exchanges: [{ id: a, type: bybit, credentials: { env: [[K, S]] } }, { id: a, type: binance, credentials: { env: [[K, S]] } }]' | exchanges[1].id: 'a' is used by another account
                account without credentials            | 'exchanges: [{ id: a, type: bybit }]'                  | exchanges[0].credentials: no source
                kucoin needs a passphrase name         | 'exchanges: [{ id: k, type: kucoin, credentials: { env: [[K, S]] } }]' | exchanges[0].credentials.env[0]: a kucoin key needs three variable names
                pair with three names                  | 'exchanges: [{ id: b, type: bybit, credentials: { env: [[K, S, P]] } }]' | exchanges[0].credentials.env[0]: needs two variable names
                bad env var name                       | 'exchanges: [{ id: b, type: bybit, credentials: { env: [[K, "S-1"]] } }]' | exchanges[0].credentials.env[0]: the 2nd name is not an environment variable name
                unknown credential source              | 'exchanges: [{ id: b, type: bybit, credentials: { vault: x } }]' | exchanges[0].credentials.vault: unknown key 'vault'
                bad base URL                           | 'exchanges: [{ id: b, type: bybit, baseUrl: "api.bybit.com", credentials: { env: [[K, S]] } }]' | exchanges[0].baseUrl: 'api.bybit.com' is not an http(s) URL
                bad account allowlist                  | 'exchanges: [{ id: b, type: bybit, allowlist: [x], credentials: { env: [[K, S]] } }]' | exchanges[1].allowlist[0]
                webhook format                         | 'alerts: { webhooks: [{ url: "https://h.example/x", format: xml }] }' | alerts.webhooks[0].format: unknown format 'xml'; one of json, slack
                webhook without url                    | 'alerts: { webhooks: [{ format: json }] }'             | alerts.webhooks[0].url: missing
                unknown maxAge environment             | 'checks: { secrets-rotation: { maxAge: { qa: 5d } } }' | checks.secrets-rotation.maxAge: unknown environment 'qa'
                list where a mapping belongs           | 'checks: [a, b]'                                       | checks: expected a mapping
                bad log level                          | 'logging: { level: LOUD }'                             | logging.level: unknown level 'LOUD'
                unknown log format                     | 'logging: { format: logfmt }'                          | logging.format: unknown format 'logfmt'; one of text, json
                log format in capitals                 | 'logging: { format: JSON }'                            | logging.format: unknown format 'JSON'; one of text, json
                unknown service probe                  | 'checks: { aws-credentials: { services: [s3x] } }'     | checks.aws-credentials.services[0]: unknown service 's3x'
                account id of 11 digits                | 'checks: { aws-credentials: { expectedAccount: "12345678901" } }' | checks.aws-credentials.expectedAccount: 11 digits; an AWS account id has exactly 12
                account id of 13 digits, unquoted      | 'checks: { aws-credentials: { expectedAccount: 1234567890123 } }' | checks.aws-credentials.expectedAccount: 13 digits
                account id with letters                | 'checks: { aws-credentials: { expectedAccount: "12345678901a" } }' | checks.aws-credentials.expectedAccount: not an AWS account id
                account id with dashes                 | 'checks: { aws-credentials: { expectedAccount: "1234-5678-9012" } }' | checks.aws-credentials.expectedAccount: not an AWS account id
                account id as a list                   | 'checks: { aws-credentials: { expectedAccount: ["123456789012"] } }' | checks.aws-credentials.expectedAccount: expected a text value
                duplicate key                          | 'http: { port: 1, port: 2 }'                           | http.port: duplicate key 'port'
                base URL with user info                | 'exchanges: [{ id: b, type: bybit, baseUrl: "https://u:p@h.example", credentials: { env: [[K, S]] } }]' | exchanges[0].baseUrl: has user info; credentials in a URL are not allowed, the value is not repeated
                base URL with an empty query           | 'exchanges: [{ id: b, type: bybit, baseUrl: "https://h.example/?", credentials: { env: [[K, S]] } }]' | exchanges[0].baseUrl: has a query
                base URL with an empty fragment        | 'exchanges: [{ id: b, type: bybit, baseUrl: "https://h.example/#", credentials: { env: [[K, S]] } }]' | exchanges[0].baseUrl: has a fragment
                user info without the slashes          | 'checks: { egress-ip: { sources: ["https:u:p@h.example"] } }' | checks.egress-ip.sources[0]: has user info
                not a URL, with an @                   | 'checks: { egress-ip: { sources: ["me@h.example"] } }' | checks.egress-ip.sources[0]: not 'imds' or an http(s) URL; the value is not repeated
                port 0 in a URL                        | 'alerts: { webhooks: [{ url: "https://h.example:0/x" }] }' | alerts.webhooks[0].url: has port 0
                every IPv4 interface                   | 'http: { bind: 0.0.0.0 }'                              | http.bind: '0.0.0.0' means every interface
                unknown key type                       | 'exchanges: [{ id: b, type: binance, keyType: ecdsa, credentials: { env: [[K, S]] } }]' | exchanges[0].keyType: unknown key type 'ecdsa'; one of hmac, ed25519, rsa
                key type written in capitals           | 'exchanges: [{ id: b, type: binance, keyType: ED25519, credentials: { env: [[K, S]] } }]' | exchanges[0].keyType: unknown key type 'ED25519'; one of hmac, ed25519, rsa
                ed25519 on bybit                       | 'exchanges: [{ id: b, type: bybit, keyType: ed25519, credentials: { env: [[K, S]] } }]' | exchanges[0].keyType: bybit does not take ed25519 keys; it takes hmac, rsa
                rsa on kucoin                          | 'exchanges: [{ id: k, type: kucoin, keyType: rsa, credentials: { env: [[K, S, P]] } }]' | exchanges[0].keyType: kucoin does not take rsa keys; it takes hmac
                ed25519 on alpaca                      | 'exchanges: [{ id: a, type: alpaca, keyType: ed25519, credentials: { env: [[K, S]] } }]' | exchanges[0].keyType: alpaca does not take ed25519 keys; it takes hmac
                """)
        void eachRefusalNamesTheField(String what, String yaml, String expectedStart) {
            String message = refused(yaml).getMessage();
            String expected = expectedStart.replace("exchanges[1].allowlist[0]", "exchanges[0].allowlist[0]");
            assertTrue(message.startsWith(expected), () -> what + ": got '" + message + "'");
            assertFalse(message.contains("\n"), "one line");
            assertFalse(message.contains("io.credwatch") || message.contains("com.fasterxml"), message);
            assertFalse(message.contains("u:p") || message.contains("me@"), "repeats a credential: " + message);
        }

        @Test
        void unknownKeyListsTheKnownOnes() {
            String m = refused("http: { prot: 1 }").getMessage();
            assertTrue(m.contains("known keys: bind, port, tokenFile, whoami"), m);
        }

        @Test
        void yamlSyntaxErrorsGiveLineAndColumn() {
            String m = refused("http:\n  port: 1\n bind: [\n").getMessage();
            assertTrue(m.startsWith("YAML syntax error at line"), m);
        }
    }
}
