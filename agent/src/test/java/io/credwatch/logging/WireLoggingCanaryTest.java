package io.credwatch.logging;

import io.credwatch.testing.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.alert.WebhookReceiver;
import io.credwatch.aws.FakeAws;
import io.credwatch.config.ExchangeType;
import io.credwatch.credential.ApiCredentials;
import io.credwatch.exchange.FakeExchanges;
import io.credwatch.testing.AgentProcess;
import io.credwatch.testing.Loopback;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, item 6: the switches an operator can reach to make the HTTP clients print what
 * they send (JDK flags in {@code CREDWATCH_JAVA_OPTS}, a {@code java.util.logging} file, log
 * levels in the configuration and in {@code credwatch.log.level.*}), all turned on at once for
 * credwatch as its own JVM, against a fake Alpaca (the secret in a header), a fake AWS (the
 * session token in a header) and a webhook whose path is a secret. Nothing it prints may hold
 * a canary, and it must say which settings it refused and why.
 */
@Timeout(180)
class WireLoggingCanaryTest {

    static final String ALPACA_KEY = "PKWIRECANARY7Q3Z9X1V5B8N";
    static final String ALPACA_SECRET = "wireAlpacaSecret4Jk8Lm2Nq6Rs0Tv3Wx7Yz";
    /** alpaca-stale's secret, refused by the exchange: a CRITICAL, hence a webhook. */
    static final String STALE_SECRET = "wireStaleSecret9Ab3Cd7Ef1Gh5Ij8Kl2Mn";
    static final String AWS_KEY_ID = "AKIAWIRECANARY5X7Q2M";
    static final String AWS_SECRET = "wireAwsSecret2Pq7Rs4Tu9Vw1Xy6Za3Bc8De5";
    static final String AWS_SESSION_TOKEN = "wireAwsSession8Fg2Hi6Jk0Lm4No9Pq3Rs7Tu";
    static final String TOKEN = "wireApiToken3Vw8Xy1Za6Bc4De9Fg2Hi7Jk5";
    static final String HOOK_PATH = "wireHookPath6Lm1No5Pq9Rs3Tu8Vw2Xy4";
    static final List<String> CANARIES = List.of(ALPACA_KEY, ALPACA_SECRET, STALE_SECRET, AWS_KEY_ID, AWS_SECRET,
            AWS_SESSION_TOKEN, TOKEN, HOOK_PATH);

    private static final String REASON = "would print request headers, which carry API secrets";
    private static final Pattern HEX_ROW = Pattern.compile("(?m)^\\s*[0-9A-F]{4}: ((?:[0-9A-F]{2} {1,3}){1,16})");
    private static final Pattern LISTENING = Pattern.compile("HTTP API listening on (http://\\S+)");

    @TempDir
    Path dir;
    private final Loopback alpaca = FakeExchanges.quotingRequests(ExchangeType.ALPACA,
            ApiCredentials.of(ALPACA_KEY, ALPACA_SECRET));
    private final WebhookReceiver webhooks = new WebhookReceiver();
    private final FakeAws aws = new FakeAws().key(AWS_KEY_ID, AWS_SECRET);
    private final Map<String, String> env = new LinkedHashMap<>();
    private Process daemon;

    @BeforeEach
    void setUp() throws IOException {
        webhooks.start();
        env.put("APCA_API_KEY_ID", ALPACA_KEY);
        env.put("APCA_API_SECRET_KEY", ALPACA_SECRET);
        env.put("STALE_SECRET_KEY", STALE_SECRET);
        env.put("AWS_ACCESS_KEY_ID", AWS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", AWS_SECRET);
        env.put("AWS_SESSION_TOKEN", AWS_SESSION_TOKEN);
        env.put("AWS_ENDPOINT_URL", aws.uri("").toString());
        env.put("AWS_REGION", "us-east-1");
        Files.writeString(dir.resolve("token"), TOKEN + "\n");
    }

    @AfterEach
    void tearDown() {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly();
        }
        alpaca.close();
        webhooks.close();
        aws.close();
    }

    @Nested
    class TheDaemon {

        /**
         * Every JDK flag that makes its HTTP client log (each with its loudest value), a JUL file
         * giving the clients' loggers a console of their own, Jersey's logging switched on
         * through system properties, and TRACE asked for every client's logger both in the
         * configuration and on the command line; then an API call with the bearer token, a
         * webhook, a reload.
         */
        @Test
        void printsNoSecretWhateverWireLoggingIsAskedForAndSaysWhatItRefused() throws Exception {
            Path jul = Files.writeString(dir.resolve("jul.properties"), """
                    handlers=java.util.logging.ConsoleHandler
                    .level=ALL
                    java.util.logging.ConsoleHandler.level=ALL
                    sun.net.www.protocol.http.HttpURLConnection.handlers=java.util.logging.ConsoleHandler
                    sun.net.www.protocol.http.HttpURLConnection.level=ALL
                    jdk.httpclient.HttpClient.handlers=java.util.logging.ConsoleHandler
                    jdk.httpclient.HttpClient.level=ALL
                    jdk.internal.httpclient.debug.handlers=java.util.logging.ConsoleHandler
                    jdk.internal.httpclient.debug.level=ALL
                    """);
            Path config = Files.writeString(dir.resolve("credwatch.yaml"), config(alpaca.uri("")));
            AgentProcess agent = AgentProcess.in(dir).env(env).flags(
                    "-Djdk.httpclient.HttpClient.log=all",
                    "-Djdk.internal.httpclient.debug=true",
                    "-Djdk.internal.httpclient.hpack.debug=true",
                    "-Djdk.internal.httpclient.websocket.debug=true",
                    "-Djava.util.logging.config.file=" + jul,
                    "-Djersey.config.allowSystemPropertiesProvider=true",
                    "-Djersey.config.server.disableAutoDiscovery=false",
                    "-Djersey.config.server.logging.logger.level=INFO",
                    "-Djersey.config.server.logging.verbosity=HEADERS_ONLY",
                    "-Djersey.config.logging.redactHeaders=X-None",
                    "-Dcredwatch.log.level.jdk.httpclient.HttpClient=ALL",
                    "-Dcredwatch.log.level.sun.net.www.protocol.http=TRACE",
                    "-Dcredwatch.log.level.org.eclipse.jetty.http=TRACE");
            exercise(agent, config);

            String out = read(agent.stdout("daemon"));
            String err = read(agent.stderr("daemon"));
            assertNoCanary(Map.of("daemon stdout", out, "daemon stderr", err));

            List<String> warnings = out.lines().filter(l -> l.contains(REASON)).toList();
            assertTrue(warnings.stream().anyMatch(l -> l.contains("-Djdk.httpclient.HttpClient.log")
                    && l.contains("-Djdk.internal.httpclient.debug") && l.contains("-Djava.util.logging.config.file")
                    && l.contains("credwatch.log.level.jdk.httpclient.HttpClient")), "the flags refused: " + warnings);
            assertEquals(2, warnings.stream().filter(l -> l.contains("logging.levels.jdk.internal.httpclient.debug")
                    && l.contains("logging.levels.software.amazon.awssdk.request")).count(),
                    "the configuration's levels refused at start and again on reload: " + warnings);
            assertTrue(warnings.stream().allMatch(l -> l.contains(" WARN ")), warnings::toString);
        }
    }

    /**
     * Issue 15: an operator's logback file, where an install keeps it, asks every client's logger
     * for DEBUG or more, adds a turbo filter that accepts every event, and sets the JDK client's
     * debug flags as system properties; the same calls print no secret, and it is told what was
     * held back.
     */
    @Nested
    class AnOperatorsLogbackFile {

        @Test
        void printsNoSecretWhenItAsksTheWireLoggersForDebug() throws Exception {
            Path logback = Files.writeString(dir.resolve("logback.xml"), """
                    <configuration>
                      <property scope="system" name="jdk.internal.httpclient.debug" value="true"/>
                      <property scope="system" name="jdk.httpclient.HttpClient.log" value="all"/>
                      <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%level %logger: %msg%n</pattern></encoder>
                      </appender>
                      <turboFilter class="ch.qos.logback.classic.turbo.MDCFilter">
                        <MDCKey>any</MDCKey><Value>any</Value><OnMatch>ACCEPT</OnMatch><OnMismatch>ACCEPT</OnMismatch>
                      </turboFilter>
                      <logger name="software.amazon.awssdk.request" level="DEBUG"/>
                      <logger name="software.amazon.awssdk" level="TRACE"/>
                      <logger name="org.eclipse.jetty" level="DEBUG"/>
                      <logger name="jdk.httpclient.HttpClient" level="ALL"/>
                      <logger name="jdk.internal.httpclient" level="ALL"/>
                      <logger name="sun.net.www.protocol.http" level="ALL"/>
                      <root level="DEBUG"><appender-ref ref="out"/></root>
                    </configuration>
                    """);
            Path config = Files.writeString(dir.resolve("credwatch.yaml"), config(alpaca.uri("")));
            // AgentProcess has the daemon look for logback.xml in dir, as an install does in /etc/credwatch.
            AgentProcess agent = AgentProcess.in(dir).env(env);
            exercise(agent, config);

            String out = read(agent.stdout("daemon"));
            String err = read(agent.stderr("daemon"));
            assertNoCanary(Map.of("daemon stdout", out, "daemon stderr", err));
            assertTrue(out.contains("INFO io.credwatch.logging.LogbackFileConfigurator: logging configured by " + logback),
                    "the operator's file was the one in use");
            List<String> warnings = out.lines().filter(l -> l.contains(REASON)).toList();
            assertTrue(warnings.stream().anyMatch(l -> l.contains(logback + " logger software.amazon.awssdk.request: DEBUG "
                    + "(held at INFO)") && l.contains(logback + " logger org.eclipse.jetty: DEBUG (held at INFO)")
                    && l.contains("-Djdk.internal.httpclient.debug (removed)")), "what was held: " + warnings);
            assertTrue(out.contains("logging.level, logging.levels not applied: logging is configured by " + logback),
                    "the configuration's levels left aside, and said so");
        }
    }

    /**
     * Calls that put every canary into a request: the checks (AWS's session token, the
     * exchange's secret), the API with the bearer token, a webhook at its secret path, a reload;
     * then SIGTERM.
     */
    private void exercise(AgentProcess agent, Path config) throws Exception {
        daemon = agent.start("daemon", "run", "--config", config.toString());
        URI api = awaitListening(agent);
        HttpClient client = HttpClient.newHttpClient();
        Await.until("every check to run once", Duration.ofSeconds(60),
                () -> status(client, get(api.resolve("/health/ready"))) == 200);
        assertEquals(200, status(client, postWithToken(api.resolve("/checks/exchange:alpaca-main/run"))));
        assertEquals(200, status(client, get(api.resolve("/checks"))));
        Await.until("alpaca-stale's webhook", Duration.ofSeconds(20), () -> !webhooks.received.isEmpty());
        hangUp(daemon);
        Await.until("the reload", Duration.ofSeconds(20), () -> read(agent.stdout("daemon")).contains("reloaded "));
        daemon.destroy();
        assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM");
        assertTrue(webhooks.received.get(0).path().contains(HOOK_PATH), "the hook was called at its secret path");
        assertTrue(aws.services.contains("sts"), "STS was called, with the session token in a header");
    }

    @Nested
    class TlsDebugging {

        /**
         * {@code javax.net.debug} prints every TLS record in clear, headers included; with remote
         * JMX over TLS (systemd/credwatch.service.d/remote-jmx.conf.example) the JDK reads it
         * before credwatch's main runs, so it cannot be undone, only refused.
         */
        @Test
        void isRefusedBeforeAnyRequestIsMade() throws Exception {
            try (TlsFront front = new TlsFront(alpaca.uri(""), dir)) {
                Path config = Files.writeString(dir.resolve("credwatch.yaml"), config(front.uri("")));
                List<String> flags = new ArrayList<>(front.trustFlags());
                flags.add("-Djavax.net.debug=all");
                AgentProcess.Finished check = AgentProcess.in(dir).env(env).flags(flags.toArray(String[]::new))
                        .run("check", Duration.ofSeconds(60), "check", "--only", "exchange:alpaca-main",
                                "--config", config.toString());

                assertNoCanary(Map.of("check stdout", check.stdout(), "check stderr", check.stderr()));
                assertEquals(78, check.status(), check::stderr);
                assertTrue(check.stderr().contains("javax.net.debug") && check.stderr().contains(REASON),
                        check::stderr);
            }
        }

        @Test
        void leavesTlsItselfWorking() throws Exception {
            try (TlsFront front = new TlsFront(alpaca.uri(""), dir)) {
                Path config = Files.writeString(dir.resolve("credwatch.yaml"), config(front.uri("")));
                AgentProcess.Finished check = AgentProcess.in(dir).env(env).flags(front.trustFlags()
                        .toArray(String[]::new)).run("check", Duration.ofSeconds(60), "check", "--only",
                        "exchange:alpaca-main", "--config", config.toString());

                assertEquals(0, check.status(), () -> check.stdout() + check.stderr());
                assertNoCanary(Map.of("check stdout", check.stdout(), "check stderr", check.stderr()));
            }
        }
    }

    /**
     * Every check on loopback; every client logger asked for TRACE (for the AWS SDK's
     * HttpURLConnection through its package only: the JUL file names the class itself).
     */
    private String config(URI alpacaUrl) {
        String account = "{ id: %s, type: alpaca, baseUrl: \"%s\", interval: 1h, timeout: 5s, credentials: %s }";
        return """
                agent: { environment: prod, executionContext: AWS, stateDir: %s }
                http: { port: 0, tokenFile: %s }
                jmx: { enabled: false }
                logging:
                  level: TRACE
                  levels:
                    jdk.httpclient.HttpClient: TRACE
                    jdk.internal.httpclient.debug: TRACE
                    javax.net.ssl: TRACE
                    sun.net.www.protocol.http: TRACE
                    software.amazon.awssdk.request: DEBUG
                    software.amazon.awssdk: TRACE
                    org.eclipse.jetty: TRACE
                    org.glassfish: TRACE
                checks:
                  aws-credentials: { interval: 1h, services: [sts] }
                  egress-ip: { enabled: false }
                exchanges:
                  - %s
                  - %s
                alerts:
                  webhooks:
                    - { url: "%s", format: json }
                """.formatted(dir.resolve("state"), dir.resolve("token"),
                account.formatted("alpaca-main", alpacaUrl, "{ env: [[APCA_API_KEY_ID, APCA_API_SECRET_KEY]] }"),
                account.formatted("alpaca-stale", alpacaUrl, "{ env: [[APCA_API_KEY_ID, STALE_SECRET_KEY]] }"),
                webhooks.uri("/hooks/T000/" + HOOK_PATH));
    }

    /**
     * Each canary, whole, by its middle twelve characters and in Base64, in none of {@code
     * outputs}, nor in the bytes of the hex dumps among them: TLS debugging dumps records sixteen
     * bytes a row, which cuts a secret into pieces no text search finds.
     */
    private static void assertNoCanary(Map<String, String> outputs) {
        List<String> leaks = new ArrayList<>();
        outputs.forEach((where, text) -> {
            leaks.addAll(leaks(where, text));
            leaks.addAll(leaks(where + ", its hex dumps", hexDumpBytes(text)));
        });
        assertTrue(leaks.isEmpty(), leaks.size() + " leaks:\n" + String.join("\n", leaks));
    }

    private static List<String> leaks(String where, String text) {
        List<String> leaks = new ArrayList<>();
        for (String canary : CANARIES) {
            int middle = (canary.length() - 12) / 2;
            for (String needle : List.of(canary, canary.substring(middle, middle + 12),
                    Base64.getEncoder().encodeToString(canary.getBytes(StandardCharsets.UTF_8)))) {
                int at = text.indexOf(needle);
                if (at >= 0) {
                    leaks.add(canary + " in " + where + ": …" + text.substring(Math.max(0, at - 100),
                            Math.min(text.length(), at + 60)).replace('\n', ' ') + "…");
                    break;
                }
            }
        }
        return leaks;
    }

    /** The bytes of every row like {@code "  0090: 49 2D 53 45 ...  I-SECRET-KEY: wi"}, one after the other. */
    private static String hexDumpBytes(String text) {
        StringBuilder bytes = new StringBuilder();
        Matcher row = HEX_ROW.matcher(text);
        while (row.find()) {
            for (String hex : row.group(1).trim().split("\\s+")) {
                bytes.append((char) Integer.parseInt(hex, 16));
            }
        }
        return bytes.toString();
    }

    /** The search finds what it looks for, in text and in a dump as {@code javax.net.debug} writes one. */
    @Test
    void theSearchFindsACanaryWhereItIs() {
        String dump = """
                  0080: 58 31 56 35 42 38 4E 0D   0A 41 50 43 41 2D 41 50  X1V5B8N..APCA-AP
                  0090: 49 2D 53 45 43 52 45 54   2D 4B 45 59 3A 20 77 69  I-SECRET-KEY: wi
                  00A0: 72 65 41 6C 70 61 63 61   53 65 63 72 65 74 34 4A  reAlpacaSecret4J
                  00B0: 6B 38 4C 6D 32 4E 71 36   52 73 30 54 76 33 57 78  k8Lm2Nq6Rs0Tv3Wx
                  00C0: 37 59 7A 0D 0A 55 73 65   72 2D 41 67 65 6E 74 3A  7Yz..User-Agent:
                """;
        for (String output : List.of("APCA-API-SECRET-KEY: …" + ALPACA_SECRET.substring(10, 30), dump)) {
            AssertionError found = assertThrows(AssertionError.class, () -> assertNoCanary(Map.of("output", output)));
            assertTrue(found.getMessage().startsWith("1 leaks"), found.getMessage());
        }
    }

    private static URI awaitListening(AgentProcess agent) throws InterruptedException {
        Await.until("the HTTP API to listen", Duration.ofSeconds(60),
                () -> LISTENING.matcher(read(agent.stdout("daemon"))).find());
        Matcher m = LISTENING.matcher(read(agent.stdout("daemon")));
        assertTrue(m.find());
        return URI.create(m.group(1));
    }

    /** The answer's status, or -1 while the daemon does not answer. */
    private static int status(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build();
    }

    private static HttpRequest postWithToken(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private static void hangUp(Process process) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start().waitFor());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

}
