package io.credwatch.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.Agent;
import io.credwatch.aws.FakeAws;
import io.credwatch.aws.FakeInstanceMetadata;
import io.credwatch.config.ConfigLoader;
import io.credwatch.credential.ApiCredentials;
import io.credwatch.testing.AgentProcess;
import io.credwatch.testing.AwsSettings;
import io.credwatch.testing.IpEcho;
import io.credwatch.testing.Loopback;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet on the real engines: three agents on loopback scraped by a real Prometheus that
 * evaluates the shipped {@code config/alerts.rules.yml} and sends to a real Alertmanager, which
 * posts to a webhook here. Two hosts load one Bybit key, one as prod and one as dev; the third
 * has a key of its own. Exactly the two fleet alerts about the shared key must arrive, nothing
 * about the healthy host, and every query of {@code config/grafana-dashboard.json} must answer
 * with data. Every host runs on an instance role (a fake IMDS and STS, credentials expiring
 * 45 minutes ahead as a role's often do, renewed by the SDK): the aws-credentials check is on,
 * Prometheus scrapes that expiry, and no alert may come of it. Debian's {@code prometheus} and
 * {@code prometheus-alertmanager} packages provide the binaries (.ci/run installs them); without
 * them the test is skipped. It lives beside the exchange fakes it reuses.
 */
@Timeout(120)
class FleetOnPrometheusTest {

    static final ApiCredentials SHARED = new ApiCredentials("CANARYKEY-bybit-shared-0123456789",
            "CANARY-SECRET-bybit-shared-7a7a7a", "");
    static final ApiCredentials OWN = new ApiCredentials("CANARYKEY-bybit-own-0123456789",
            "CANARY-SECRET-bybit-own-8b8b8b", "");
    /** The IP the fakes' keys are bound to (FakeBybit's key info), so no check complains of it. */
    static final String EGRESS_IP = "198.51.100.4";
    static final Duration LIMIT = Duration.ofSeconds(90);
    /** The instance role's temporary credentials, as IMDS hands them out. */
    static final String ROLE_KEY_ID = "ASIAEXAMPLEFLEETROLE";
    static final String ROLE_SECRET = "fleetRoleSecret0wJalrXUtnFEMI0K7MDENG0bPxRf";
    static final String ROLE_TOKEN = "fleetRoleSessionToken0IQoJb3JpZ2luX2VjEJr";
    /** How far ahead the role's credentials expire: well inside the 6 h of the static-key warning. */
    static final Duration ROLE_LIFETIME = Duration.ofMinutes(45);

    @TempDir
    Path dir;
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<Agent> agents = new ArrayList<>();
    private final List<Process> engines = new ArrayList<>();
    private IpEcho echo;
    private FakeBybit sharedBybit;
    private FakeBybit ownBybit;
    private Loopback webhook;
    private FakeInstanceMetadata imds;
    private FakeAws aws;
    private AwsSettings settings;

    @BeforeEach
    void binaries() {
        assumeTrue(onPath("prometheus") && onPath("prometheus-alertmanager"),
                "prometheus and prometheus-alertmanager are not on PATH (Debian packages prometheus, "
                        + "prometheus-alertmanager; .ci/run installs them): the fleet test needs the real engines");
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : engines) {
            p.destroy();
        }
        for (Process p : engines) {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        agents.forEach(Agent::close);
        try {
            for (AutoCloseable c : new AutoCloseable[] {echo, sharedBybit, ownBybit, webhook, imds, aws}) {
                if (c != null) {
                    c.close();
                }
            }
        } finally {
            if (settings != null) {
                settings.close();
            }
        }
    }

    @Test
    void oneKeyInTwoEnvironmentsOnTwoHostsRaisesExactlyTheTwoFleetAlertsAndEveryPanelHasData() throws Exception {
        Instant started = Instant.now();
        echo = new IpEcho(EGRESS_IP);
        sharedBybit = new FakeBybit(SHARED);
        ownBybit = new FakeBybit(OWN);
        webhook = new Loopback() {
            {
                server.createContext("/alerts", ex -> {
                    JsonNode body = json.readTree(read(ex));
                    body.get("alerts").forEach(received::add);
                    send(ex, 200, "text/plain", "ok");
                });
            }
        }.start();
        instanceRole();

        URI prodHost = agent("prod-1", "prod", sharedBybit, SHARED);
        URI devHost = agent("dev-1", "dev", sharedBybit, SHARED);
        URI healthyHost = agent("prod-2", "prod", ownBybit, OWN);
        String healthy = healthyHost.getAuthority();
        String sharedFingerprint = SHARED.keyFingerprint().sha256Prefix();

        int alertmanagerPort = freePort();
        engines.add(alertmanager(alertmanagerPort));
        int prometheusPort = freePort();
        engines.add(prometheus(prometheusPort, alertmanagerPort, List.of(prodHost, devHost, healthyHost)));
        URI prometheus = URI.create("http://127.0.0.1:" + prometheusPort);

        Set<String> expected = Set.of("CredwatchKeyInTwoEnvironments", "CredwatchKeyOnSeveralHosts");
        await("both fleet alerts at the webhook", () -> firingNames().containsAll(expected));
        String roleExpiry = "credwatch_credential_expiry_timestamp_seconds{kind=\"AWS_CREDENTIALS\",refreshed=\"true\","
                + "instance=\"" + healthy + "\"}";
        await("the healthy host's role expiry in Prometheus", () -> !query(prometheus, roleExpiry).isEmpty());
        // Alertmanager batches per group, and the rules are evaluated every second: a moment more
        // for anything else that was on its way, the AWS expiry rule's verdict among it.
        Thread.sleep(3000);

        assertEquals(expected, firingNames(), received.toString());
        for (JsonNode alert : received) {
            JsonNode labels = alert.get("labels");
            assertEquals(sharedFingerprint, labels.path("fingerprint").asText(), alert::toString);
            assertFalse(alert.toString().contains(healthy), alert::toString);
            assertFalse(alert.toString().contains(SHARED.key()) || alert.toString().contains(SHARED.secret()),
                    alert::toString);
            assertTrue(alert.get("annotations").has("summary") && alert.get("annotations").has("fix"),
                    alert::toString);
        }
        // Nothing pending either: the healthy host is not on its way to any alert, and no host to
        // the AWS expiry alert, though the role's credentials expire well within its 6 h.
        for (JsonNode alert : query(prometheus, "ALERTS")) {
            assertFalse(alert.get("metric").toString().contains(healthy), alert::toString);
            assertFalse(alert.get("metric").toString().contains("CredwatchAwsCredentialsExpiringSoon"),
                    alert::toString);
        }
        assertTrue(query(prometheus, "ALERTS{alertname=\"CredwatchAwsCredentialsExpiringSoon\"}").isEmpty());
        // Not vacuous: Prometheus has the renewed role's expiry from the healthy host, < 6 h away.
        assertRoleExpiryScraped(prometheus, healthy,
                "credwatch_credential_expiry_timestamp_seconds{kind=\"AWS_CREDENTIALS\",refreshed=\"true\"}");
        assertRoleExpiryScraped(prometheus, healthy,
                "credwatch_aws_credentials_expiry_timestamp_seconds{refreshed=\"true\"}");
        List<JsonNode> awsCheck = query(prometheus, "credwatch_check_status{check=\"aws-credentials\",instance=\""
                + healthy + "\"}");
        assertEquals(1, awsCheck.size(), awsCheck::toString);
        assertEquals("0", awsCheck.get(0).get("value").get(1).asText(), "aws-credentials not OK: " + awsCheck);

        List<String> failed = new ArrayList<>();
        for (String expr : dashboardQueries()) {
            try {
                if (query(prometheus, expr).isEmpty()) {
                    failed.add(expr + ": no data");
                }
            } catch (AssertionError | IOException e) {
                failed.add(expr + ": " + e.getMessage());
            }
        }
        assertTrue(failed.isEmpty(), "dashboard panels without an answer: " + failed);
        Duration took = Duration.between(started, Instant.now());
        assertTrue(took.compareTo(Duration.ofMinutes(2)) < 0, "took " + took);
        System.out.println("fleet test: alerts and " + dashboardQueries().size() + " panel queries in " + took);
    }

    /**
     * An instance role for every agent: IMDS (v2) hands out the role's temporary credentials,
     * expiring {@link #ROLE_LIFETIME} ahead, and STS knows them as the role's session. The SDK
     * settings are JVM-wide, so the three in-process agents share them, as hosts of one role do.
     */
    private void instanceRole() {
        imds = new FakeInstanceMetadata();
        imds.accessKeyId = ROLE_KEY_ID;
        imds.secret = ROLE_SECRET;
        imds.sessionToken = ROLE_TOKEN;
        imds.expiration = Instant.now().plus(ROLE_LIFETIME);
        aws = new FakeAws().key(ROLE_KEY_ID, ROLE_SECRET);
        aws.callerResource = "assumed-role/" + imds.role + "/i-0123456789abcdef0";
        settings = new AwsSettings().endpoint(aws.uri("")).imds(imds.uri("")).set("aws.region", "us-east-1");
    }

    /** The series is in Prometheus for {@code instance}, one of it, and its value is < 6 h ahead. */
    private void assertRoleExpiryScraped(URI prometheus, String instance, String selector) throws Exception {
        String expr = selector.substring(0, selector.length() - 1) + ",instance=\"" + instance + "\"}";
        List<JsonNode> series = query(prometheus, expr);
        assertEquals(1, series.size(), expr + " -> " + series);
        double left = series.get(0).get("value").get(1).asDouble() - Instant.now().getEpochSecond();
        assertTrue(left > 30 * 60 && left < 6 * 3600, expr + ": seconds to expiry " + left);
    }

    /**
     * One agent, as a host of the given environment whose Bybit account loads {@code key}. JMX
     * is off: the agents share this JVM's platform MBean server.
     */
    private URI agent(String name, String environment, FakeBybit bybit, ApiCredentials key) throws Exception {
        Path config = Files.writeString(dir.resolve(name + ".yaml"), """
                agent: { stateDir: %s, executionContext: AWS, environment: %s }
                http: { port: 0 }
                jmx: { enabled: false }
                checks:
                  aws-credentials: { interval: 1h }
                  egress-ip: { interval: 1h, sources: ["%s"], allowlist: [198.51.100.0/24] }
                exchanges:
                  - id: bybit-main
                    type: bybit
                    baseUrl: %s
                    interval: 1h
                    timeout: 3s
                    allowlist: [%s]
                    credentials: { env: [[BYBIT_API_KEY, BYBIT_API_SECRET]] }
                """.formatted(dir.resolve(name + "-state"), environment, echo.uri("/"), bybit.uri(""), EGRESS_IP));
        ConfigLoader loader = new ConfigLoader(Map.of(), dir.resolve("none.yaml"));
        Agent agent = Agent.daemon(loader.load(Optional.of(config)), loader, Optional.of(config),
                Map.of("BYBIT_API_KEY", key.key(), "BYBIT_API_SECRET", key.secret()), Clock.systemUTC());
        agents.add(agent);
        agent.start();
        agent.runOnce(List.of());
        return agent.httpUri().orElseThrow();
    }

    private Process alertmanager(int port) throws IOException {
        Path config = Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: test
                  group_by: [alertname, fingerprint, instance]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: test
                    webhook_configs:
                      - url: %s
                        send_resolved: false
                """.formatted(webhook.uri("/alerts")));
        return start("alertmanager", "prometheus-alertmanager", "--config.file=" + config,
                "--storage.path=" + dir.resolve("am-data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=");
    }

    private Process prometheus(int port, int alertmanagerPort, List<URI> targets) throws IOException {
        Path rules = AgentProcess.CHECKOUT.resolve("config/alerts.rules.yml");
        StringBuilder list = new StringBuilder();
        for (URI t : targets) {
            list.append(list.isEmpty() ? "" : ", ").append('"').append(t.getAuthority()).append('"');
        }
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global: { scrape_interval: 1s, evaluation_interval: 1s }
                rule_files: ["%s"]
                alerting:
                  alertmanagers:
                    - static_configs: [{ targets: ["127.0.0.1:%d"] }]
                scrape_configs:
                  - job_name: credwatch
                    static_configs: [{ targets: [%s] }]
                """.formatted(rules, alertmanagerPort, list));
        return start("prometheus", "prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("prom-data"), "--web.listen-address=127.0.0.1:" + port);
    }

    private Process start(String name, String... command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private Set<String> firingNames() {
        Set<String> names = new TreeSet<>();
        received.forEach(a -> names.add(a.get("labels").get("alertname").asText()));
        return names;
    }

    /** An instant query's result vector; fails on an error answer. */
    private List<JsonNode> query(URI prometheus, String expr) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(prometheus.resolve("/api/v1/query?query="
                + URLEncoder.encode(expr, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = json.readTree(r.body());
        if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new AssertionError(r.statusCode() + " " + r.body());
        }
        List<JsonNode> out = new ArrayList<>();
        body.get("data").get("result").forEach(out::add);
        return out;
    }

    private List<String> dashboardQueries() throws IOException {
        JsonNode dashboard = json.readTree(AgentProcess.CHECKOUT.resolve("config/grafana-dashboard.json").toFile());
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(target.get("expr").asText());
            }
        }
        assertFalse(exprs.isEmpty(), "no panel queries in the dashboard");
        return exprs;
    }

    private void await(String what, Check condition) throws Exception {
        Instant until = Instant.now().plus(LIMIT);
        while (!condition.met()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("no " + what + " within " + LIMIT + "; received " + received + "\nprometheus: "
                        + tail("prometheus") + "\nalertmanager: " + tail("alertmanager"));
            }
            Thread.sleep(250);
        }
    }

    private interface Check {
        boolean met() throws Exception;
    }

    private String tail(String name) throws IOException {
        Path log = dir.resolve(name + ".log");
        if (!Files.exists(log)) {
            return "(no log)";
        }
        String all = Files.readString(log);
        return all.substring(Math.max(0, all.length() - 3000));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean onPath(String binary) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, binary))) {
                return true;
            }
        }
        return false;
    }
}
