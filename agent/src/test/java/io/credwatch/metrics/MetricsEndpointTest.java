package io.credwatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.credwatch.check.RunCooldown;
import io.credwatch.check.Category;
import io.credwatch.check.CheckResult;
import io.credwatch.check.CredentialKind;
import io.credwatch.check.Expiry;
import io.credwatch.check.Jitter;
import io.credwatch.check.Subject;
import io.credwatch.http.HttpApi;
import io.credwatch.http.HttpSettings;
import io.credwatch.http.Views;
import io.credwatch.info.BuildInfo;
import io.credwatch.testing.AnsweringCheck;
import io.credwatch.testing.CheckCore;
import io.credwatch.testing.MetricsRoutes;
import io.credwatch.testing.MutableClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} scraped over real HTTP from a real HttpApi and scheduler, then read back. */
class MetricsEndpointTest {

    /** Shaped like an access key id and a secret; neither may appear anywhere in a scrape. */
    private static final String CANARY_KEY = "AKIACANARY0123456789";
    private static final String CANARY_SECRET = "CANARY-SECRET-Mq3Zt8Rw";
    private static final Instant START = Instant.parse("2030-01-02T03:04:05Z");

    private final MutableClock clock = new MutableClock(START);
    private final List<Instant> egressChanges = new CopyOnWriteArrayList<>();
    private final AnsweringCheck aws = AnsweringCheck.of("aws-credentials", "aws-credentials",
            CheckResult.ok("temporary credentials from the instance role")
                    // A detail of the same name that disagrees: no metric reads details.
                    .withDetail("expiresAt", "2031-01-01T00:00:00Z")
                    .withExpiry(new Expiry(CredentialKind.AWS_CREDENTIALS, "ASIA…7Q2X",
                            Instant.parse("2030-01-02T09:04:05Z"), true))
                    .withDetail("accessKeyId", CANARY_KEY));
    private final AnsweringCheck exchange = AnsweringCheck.of("exchange:bybit-main", "exchange",
            CheckResult.critical(Category.AUTH_FAILED, "bybit refused the key", "Re-issue the key")
                    .withSubject(new Subject("bybit", "bybit-main", "prod", "0123456789"))
                    .withExpiry(new Expiry(CredentialKind.EXCHANGE_KEY, "bybit-main",
                            Instant.parse("2030-02-01T00:00:00Z"), false))
                    .withDetail("apiKey", CANARY_KEY)
                    .withDetail("secret", CANARY_SECRET));
    private final AnsweringCheck egress = AnsweringCheck.of("egress-ip", "egress-ip",
            CheckResult.warn(Category.IP_CHANGED, "egress IP changed", "Update the allowlists"));
    private final AnsweringCheck secrets = AnsweringCheck.of("secrets-rotation", "secrets-rotation",
            CheckResult.warn(Category.ROTATION_OVERDUE, "one secret overdue", "Rotate it")
                    .withExpiry(new Expiry(CredentialKind.SECRET, "mm-bot/prod/bybit",
                            Instant.parse("2029-12-01T00:00:00Z"), false)));
    private volatile Optional<EgressFacts> egressFacts = Optional.of(new EgressFacts("198.51.100.23",
            List.of(new EgressFacts.Allowlisted("", true), new EgressFacts.Allowlisted("bybit-main", false))));
    private final HttpClient client = HttpClient.newHttpClient();
    private CheckCore scheduler;
    private HttpApi api;

    @BeforeEach
    void start() throws Exception {
        scheduler = new CheckCore(List.of(aws, exchange, egress, secrets), clock, Jitter.none(), 2, 50);
        CredwatchMetrics metrics = new CredwatchMetrics(scheduler::latest,
                new BuildInfo("9.8.7", "2030-01-01T00:00:00Z"), new EgressChangeCounter(() -> egressChanges, START), () -> egressFacts,
                id -> scheduler.store.stats(id));
        api = new HttpApi(new HttpSettings("127.0.0.1", 0, Optional::empty, RunCooldown.none()), scheduler.store, scheduler.runner,
                new Views(() -> "egress", List::of, Optional.empty(),
                        Optional.of(MetricsRoutes.of(new MetricsScrape(metrics::registry)))), clock);
        api.start();
        CompletableFuture.allOf(scheduler.runAll().toArray(CompletableFuture[]::new)).join();
    }

    @AfterEach
    void stop() {
        api.close();
        scheduler.close();
    }

    private HttpResponse<String> scrape(String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri().resolve("/metrics")).timeout(Duration.ofSeconds(10));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private Exposition scraped() throws Exception {
        HttpResponse<String> response = scrape(null);
        assertEquals(200, response.statusCode());
        return Exposition.parse(response.body());
    }

    @Nested
    class PerCheck {

        @Test
        void statusIsTheMonitoringPluginCode() throws Exception {
            Exposition e = scraped();
            assertEquals(0, e.value("credwatch_check_status", Map.of("check", "aws-credentials", "type", "aws-credentials")));
            assertEquals(2, e.value("credwatch_check_status", Map.of("check", "exchange:bybit-main", "type", "exchange")));
            assertEquals(1, e.value("credwatch_check_status", Map.of("check", "egress-ip", "type", "egress-ip")));
        }

        @Test
        void lastRunAndDurationComeFromTheLatestReport() throws Exception {
            Exposition e = scraped();
            assertEquals(START.getEpochSecond(), e.value("credwatch_check_last_run_timestamp_seconds",
                    Map.of("check", "egress-ip")));
            double duration = e.value("credwatch_check_duration_seconds", Map.of("check", "egress-ip"));
            assertTrue(duration >= 0 && duration < 10, "duration " + duration);
            assertEquals(4, e.named("credwatch_check_duration_seconds").size());
        }

        @Test
        void runsAreCountedPerCheck() throws Exception {
            Map<String, String> bybit = Map.of("check", "exchange:bybit-main", "type", "exchange");
            assertEquals(1, scraped().value("credwatch_check_runs_total", bybit));
            scheduler.runNow("exchange:bybit-main").join();
            assertEquals(2, scraped().value("credwatch_check_runs_total", bybit));
            assertEquals(1, scraped().value("credwatch_check_runs_total", Map.of("check", "egress-ip")));
            assertEquals(4, scraped().named("credwatch_check_runs_total").size());
        }

        @Test
        void aCheckRemovedByAReloadDisappears() throws Exception {
            scheduler.replace(List.of(aws, exchange, secrets));
            assertTrue(scraped().named("credwatch_check_status").stream()
                    .noneMatch(s -> s.labels().get("check").equals("egress-ip")));
        }

        @Test
        void aRunningCheckDoesNotHoldUpTheScrape() throws Exception {
            CountDownLatch gate = new CountDownLatch(1);
            exchange.holdAt(gate);
            exchange.answer(CheckResult.ok("fine"));
            CompletableFuture<?> running = scheduler.runNow("exchange:bybit-main");
            try {
                // The scrape answers at once with the last finished run.
                assertEquals(2, scraped().value("credwatch_check_status", Map.of("check", "exchange:bybit-main")));
                assertFalse(running.isDone());
            } finally {
                gate.countDown();
            }
            running.get(10, TimeUnit.SECONDS);
            assertEquals(0, scraped().value("credwatch_check_status", Map.of("check", "exchange:bybit-main")));
        }
    }

    @Nested
    class Expiries {

        @Test
        void awsCredentialsExpiryIsTheResultsTypedExpiryAndSaysWhetherTheSdkRefreshesIt() throws Exception {
            assertEquals(Instant.parse("2030-01-02T09:04:05Z").getEpochSecond(),
                    scraped().value("credwatch_aws_credentials_expiry_timestamp_seconds", Map.of("refreshed", "true")));
        }

        @Test
        void longTermAwsKeysHaveNoExpirySample() throws Exception {
            aws.answer(CheckResult.warn(Category.LONG_TERM_KEY, "long-term key", "Use a role"));
            scheduler.runNow("aws-credentials").join();
            assertTrue(scraped().named("credwatch_aws_credentials_expiry_timestamp_seconds").isEmpty());
        }

        @Test
        void exchangeKeyExpiryIsLabelledByAccountNotByKey() throws Exception {
            Exposition e = scraped();
            assertEquals(Instant.parse("2030-02-01T00:00:00Z").getEpochSecond(),
                    e.value("credwatch_exchange_key_expiry_timestamp_seconds",
                            Map.of("check", "exchange:bybit-main", "account", "bybit-main", "exchange", "bybit")));
        }
    }

    @Nested
    class CredentialExpiries {

        private static final String NAME = "credwatch_credential_expiry_timestamp_seconds";

        @Test
        void everyKindIsOneMetricLabelledByKindAndRefresh() throws Exception {
            Exposition e = scraped();
            assertEquals(Instant.parse("2030-01-02T09:04:05Z").getEpochSecond(), e.value(NAME, Map.of(
                    "check", "aws-credentials", "kind", "AWS_CREDENTIALS", "credential", "default-chain",
                    "refreshed", "true")));
            assertEquals(Instant.parse("2030-02-01T00:00:00Z").getEpochSecond(), e.value(NAME, Map.of(
                    "check", "exchange:bybit-main", "kind", "EXCHANGE_KEY", "credential", "bybit-main",
                    "refreshed", "false")));
            assertEquals(3, e.named(NAME).size());
        }

        @Test
        void aSecretsRotationDueDateIsKeptAfterItPasses() throws Exception {
            // Due a month before the clock: overdue, and still exported for the rule to see.
            assertEquals(Instant.parse("2029-12-01T00:00:00Z").getEpochSecond(), scraped().value(NAME, Map.of(
                    "check", "secrets-rotation", "kind", "SECRET", "credential", "mm-bot/prod/bybit")));
        }
    }

    @Nested
    class KeyIdentity {

        @Test
        void eachExchangeAccountShowsItsKeysSafeFingerprintAndEnvironment() throws Exception {
            assertEquals(1, scraped().value("credwatch_exchange_key_info", Map.of("check", "exchange:bybit-main",
                    "exchange", "bybit", "account", "bybit-main", "environment", "prod", "fingerprint", "0123456789")));
        }

        @Test
        void anAccountWithoutAKeyHasNoIdentity() throws Exception {
            exchange.answer(CheckResult.critical(Category.NO_CREDENTIALS, "no key", "Deploy one")
                    .withSubject(new Subject("bybit", "bybit-main", "prod", "")));
            scheduler.runNow("exchange:bybit-main").join();
            assertTrue(scraped().named("credwatch_exchange_key_info").isEmpty());
        }
    }

    @Nested
    class EgressAndBuild {

        @Test
        void egressIpIsAnInfoMetricAndEachAllowlistSaysWhetherItHoldsIt() throws Exception {
            Exposition e = scraped();
            assertEquals(1, e.value("credwatch_egress_ip_info", Map.of("ip", "198.51.100.23")));
            assertEquals(1, e.value("credwatch_egress_ip_allowlisted", Map.of("account", "")));
            assertEquals(0, e.value("credwatch_egress_ip_allowlisted", Map.of("account", "bybit-main")));
        }

        @Test
        void noEgressIpNoEgressSeries() throws Exception {
            egressFacts = Optional.empty();
            Exposition e = scraped();
            assertTrue(e.named("credwatch_egress_ip_info").isEmpty());
            assertTrue(e.named("credwatch_egress_ip_allowlisted").isEmpty());
        }

        @Test
        void egressChangesCountUpEvenWhenTheHistoryIsTrimmed() throws Exception {
            assertEquals(0, scraped().value("credwatch_egress_ip_changes_total", Map.of()));
            egressChanges.add(START.minusSeconds(60)); // before this process: not counted
            egressChanges.add(START.plusSeconds(60));
            assertEquals(1, scraped().value("credwatch_egress_ip_changes_total", Map.of()));
            // The state file dropped its oldest entries and recorded one more change.
            egressChanges.clear();
            egressChanges.add(START.plusSeconds(120));
            assertEquals(2, scraped().value("credwatch_egress_ip_changes_total", Map.of()));
            assertEquals(2, scraped().value("credwatch_egress_ip_changes_total", Map.of()));
        }

        @Test
        void buildInfoCarriesTheVersionAndIsOne() throws Exception {
            assertEquals(1, scraped().value("credwatch_build_info", Map.of("version", "9.8.7")));
        }
    }

    @Nested
    class Exposure {

        @Test
        void noKeyMaterialAnywhereInTheScrape() throws Exception {
            for (String accept : new String[] {null, "application/openmetrics-text; version=1.0.0"}) {
                String body = scrape(accept).body();
                assertFalse(body.contains(CANARY_KEY), body);
                assertFalse(body.contains(CANARY_KEY.substring(4)), body);
                assertFalse(body.contains(CANARY_SECRET), body);
            }
            for (Exposition.Sample s : scraped().samples()) {
                for (String value : s.labels().values()) {
                    assertFalse(value.startsWith("AKIA") || value.startsWith("ASIA"), s.toString());
                }
            }
        }

        @Test
        void prometheusTextByDefault() throws Exception {
            HttpResponse<String> response = scrape(null);
            String type = response.headers().firstValue("Content-Type").orElse("").replace(" ", "");
            assertTrue(type.startsWith("text/plain;") && type.contains(";version=0.0.4"), type);
            assertTrue(response.body().contains("# TYPE credwatch_check_status gauge"), response.body());
            assertTrue(response.body().contains("# TYPE credwatch_egress_ip_changes_total counter"), response.body());
        }

        @Test
        void openMetricsWhenAskedFor() throws Exception {
            HttpResponse<String> response = scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");
            String type = response.headers().firstValue("Content-Type").orElse("");
            assertTrue(type.startsWith("application/openmetrics-text"), type);
            assertTrue(response.body().endsWith("# EOF\n"), response.body());
        }

        @Test
        void protobufIsNotOfferedSoTextIsServed() throws Exception {
            HttpResponse<String> response = scrape(
                    "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited");
            assertEquals(200, response.statusCode(), response.body());
            String type = response.headers().firstValue("Content-Type").orElse("");
            assertTrue(type.startsWith("text/plain"), type);
            assertTrue(response.body().contains("credwatch_check_status{"), response.body());
        }

        /**
         * Leaves the scrape where CI's {@code promtool check metrics} reads it, and runs promtool
         * here too when it is installed.
         */
        @Test
        void promtoolAcceptsTheScrape() throws Exception {
            String body = scrape(null).body();
            Path sample = Path.of("target", "metrics-sample.prom");
            Files.createDirectories(sample.getParent());
            Files.writeString(sample, body, StandardCharsets.UTF_8);
            assumeTrue(promtoolInstalled(), "promtool not installed; CI checks " + sample);
            Process promtool = new ProcessBuilder("promtool", "check", "metrics")
                    .redirectInput(sample.toFile()).redirectErrorStream(true).start();
            String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, promtool.waitFor(), said);
        }

        private static boolean promtoolInstalled() {
            String path = System.getenv().getOrDefault("PATH", "");
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, "promtool"))) {
                    return true;
                }
            }
            return false;
        }
    }
}
