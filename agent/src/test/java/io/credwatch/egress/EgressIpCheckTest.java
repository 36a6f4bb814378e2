package io.credwatch.egress;

import io.credwatch.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.credwatch.check.Category;
import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckResult;
import io.credwatch.check.Status;
import io.credwatch.config.EgressIpCheckConfig;
import io.credwatch.metrics.EgressChangeCounter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.imds.Ec2MetadataClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Every test is bounded: a check or source that hangs must fail the test, not the build. */
@Timeout(10)
class EgressIpCheckTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String IP = "203.0.113.7";
    private static final String NEW_IP = "198.51.100.23";

    @TempDir
    Path stateDir;

    private final FakeEcho echo = new FakeEcho();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final MutableClock clock = new MutableClock(T0);
    private final List<AutoCloseable> closeLater = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
        echo.close();
    }

    // --- building blocks -------------------------------------------------------------------

    private static EgressIpCheckConfig config(List<String> allowlist) {
        return new EgressIpCheckConfig(null, null, null, List.of(), allowlist, Duration.ofHours(1));
    }

    private EgressSource echoSeeing(String name, String ip) {
        return new EchoEgressSource(() -> http, echo.ip(name, ip));
    }

    private EgressSource echoAt(String path) {
        return new EchoEgressSource(() -> http, echo.uri(path));
    }

    private EgressSource imdsSeeing(String publicIp) {
        FakeImds imds = new FakeImds(publicIp);
        Ec2MetadataClient client = imds.client();
        closeLater.add(client);
        closeLater.add(imds);
        return new ImdsEgressSource(() -> client);
    }

    private EgressIpCheck check(List<String> allowlist, Map<String, List<String>> exchanges,
                                List<EgressSource> sources, Optional<ElasticIpLookup> elastic) {
        return new EgressIpCheck(config(allowlist), exchanges, sources, elastic,
                new EgressMemory(new EgressStateStore(stateDir)), clock, SourceCalls.POOL);
    }

    private EgressIpCheck localCheck(List<String> allowlist, List<EgressSource> sources) {
        return check(allowlist, Map.of(), sources, Optional.empty());
    }

    private static CheckContext daemon() {
        return within(Duration.ofSeconds(10), true);
    }

    private static CheckContext oneShot() {
        return within(Duration.ofSeconds(10), false);
    }

    private static CheckContext within(Duration d, boolean persistent) {
        return new CheckContext(Clock.systemUTC(), Instant.now().plus(d), persistent);
    }

    private static ElasticIpLookup answering(ElasticIpStatus status) {
        return (ip, timeout) -> status;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> sourcesDetail(CheckResult r) {
        return (List<Map<String, Object>>) r.details().get("sources");
    }

    private static void assertVerdict(Status status, Category category, CheckResult r) {
        assertEquals(status + " " + category, r.status() + " " + r.category(), () -> r.summary() + " | " + r.details());
    }

    // --- behaviours --------------------------------------------------------------------------

    @Nested
    class WhenTheIpIsAllowlistedAndElastic {

        @Test
        void theVerdictIsOkNamingTheIpAndWhoAllowsIt() throws Exception {
            EgressIpCheck check = check(List.of(), Map.of("cryptocom-main", List.of(IP)),
                    List.of(imdsSeeing(IP), echoSeeing("a", IP)),
                    Optional.of(answering(ElasticIpStatus.elastic("eipalloc-1", "instance i-1"))));

            CheckResult r = check.run(daemon());

            assertVerdict(Status.OK, Category.NONE, r);
            assertEquals("egress IP 203.0.113.7 (elastic, allowlisted by exchange account cryptocom-main)", r.summary());
            assertEquals(IP, r.details().get("ip"));
            assertEquals(true, r.details().get("elastic"));
        }

        @Test
        void everySourceIsReportedWithWhatItSawAndHowLongItTook() throws Exception {
            EgressIpCheck check = localCheck(List.of(IP), List.of(imdsSeeing(IP), echoSeeing("a", IP)));

            CheckResult r = check.run(daemon());

            List<Map<String, Object>> sources = sourcesDetail(r);
            assertEquals("imds", sources.get(0).get("source"));
            assertEquals(IP, sources.get(0).get("ip"));
            assertEquals(echo.uri("/ip/a").toString(), sources.get(1).get("source"));
            assertEquals(IP, sources.get(1).get("ip"));
            assertTrue(sources.get(1).get("durationMs") instanceof Long);
            assertEquals(List.of(echo.uri("/ip/a").toString()), r.details().get("decidedBy"),
                    "the echo source decides; imds corroborates");
        }

        @Test
        void theCurrentIpIsOfferedToOtherChecks() throws Exception {
            EgressIpCheck check = localCheck(List.of(IP), List.of(echoSeeing("a", IP)));
            CurrentEgressIp current = check;

            assertEquals(Optional.empty(), current.current());
            check.run(daemon());

            assertEquals(Optional.of(IP), current.current());
        }

        @Test
        void withNoAllowlistConfiguredItSaysSoAndDoesNotFail() throws Exception {
            EgressIpCheck check = localCheck(List.of(), List.of(echoSeeing("a", IP)));

            CheckResult r = check.run(daemon());

            assertVerdict(Status.OK, Category.NONE, r);
            assertEquals("egress IP 203.0.113.7 (no allowlist configured)", r.summary());
            assertTrue(((String) r.details().get("allowlist")).startsWith("none configured"));
        }

        @Test
        void anImdsWithoutPublicIpBehindANatIsNotADisagreement() throws Exception {
            EgressIpCheck check = localCheck(List.of(IP), List.of(imdsSeeing(null), echoSeeing("a", IP)));

            CheckResult r = check.run(daemon());

            assertVerdict(Status.OK, Category.NONE, r);
            assertTrue(((String) sourcesDetail(r).get(0).get("error")).contains("no public IPv4"));
        }
    }

    @Nested
    class WhenTheIpIsNotAllowlisted {

        @Test
        void theGlobalAllowlistIsNamed() throws Exception {
            EgressIpCheck check = localCheck(List.of(IP), List.of(echoSeeing("a", NEW_IP)));

            CheckResult r = check.run(daemon());

            assertVerdict(Status.CRITICAL, Category.IP_NOT_ALLOWLISTED, r);
            assertEquals("egress IP 198.51.100.23 is not in the allowlist of checks.egress-ip.allowlist", r.summary());
            assertTrue(r.remediation().startsWith("add 198.51.100.23 to checks.egress-ip.allowlist"), r.remediation());
        }

        @Test
        void eachExchangeAccountLackingItIsNamedWithTheFix() throws Exception {
            Map<String, List<String>> exchanges = new LinkedHashMap<>();
            exchanges.put("cryptocom-main", List.of(IP));
            exchanges.put("bybit-hedge", List.of("198.51.100.0/24"));
            exchanges.put("binance-spot", List.of("192.0.2.1", IP));
            exchanges.put("kucoin-none", List.of());
            EgressIpCheck check = check(List.of(), exchanges, List.of(echoSeeing("a", NEW_IP)), Optional.empty());

            CheckResult r = check.run(daemon());

            assertVerdict(Status.CRITICAL, Category.IP_NOT_ALLOWLISTED, r);
            assertEquals("egress IP 198.51.100.23 is not in the allowlists of exchange account cryptocom-main and "
                    + "exchange account binance-spot", r.summary());
            assertTrue(r.remediation().contains(
                    "add 198.51.100.23 to the API key allowlist of exchange account cryptocom-main"), r.remediation());
            assertTrue(r.remediation().contains(
                    "add 198.51.100.23 to the API key allowlist of exchange account binance-spot"), r.remediation());
            assertEquals(List.of("exchange account bybit-hedge"), r.details().get("allowlistedBy"),
                    "the CIDR entry covers it; the empty list is not a list");
        }

        @Test
        void aCidrEntryAllowsEveryAddressInside() throws Exception {
            EgressIpCheck check = localCheck(List.of("198.51.100.0/24"), List.of(echoSeeing("a", NEW_IP)));

            assertVerdict(Status.OK, Category.NONE, check.run(daemon()));
        }

        @Test
        void itOutranksEveryWarning() throws Exception {
            Files.writeString(stateDir.resolve("egress-ip.json"), "{\"ip\":\"" + IP + "\",\"firstSeen\":\"" + T0
                    + "\",\"lastSeen\":\"" + T0 + "\",\"changes\":[]}");
            EgressIpCheck check = check(List.of(IP), Map.of(), List.of(imdsSeeing(IP), echoSeeing("a", NEW_IP)),
                    Optional.of(answering(ElasticIpStatus.notElastic())));

            CheckResult r = check.run(daemon());

            assertVerdict(Status.CRITICAL, Category.IP_NOT_ALLOWLISTED, r);
            assertTrue(r.summary().contains("it changed from 203.0.113.7"), r.summary());
            assertTrue(r.remediation().contains("restore egress through 203.0.113.7"), r.remediation());
        }
    }

    @Nested
    class WhenTheIpChanges {

        @Test
        void theFirstRunIsNotAChange() throws Exception {
            CheckResult r = localCheck(List.of(), List.of(echoSeeing("a", IP))).run(daemon());

            assertVerdict(Status.OK, Category.NONE, r);
            assertEquals("first run: no state file yet", r.details().get("state"));
        }

        @Test
        void ipChangeIsReportedAfterRestart() throws Exception {
            localCheck(List.of(), List.of(echoSeeing("a", IP))).run(daemon());
            clock.advance(Duration.ofMinutes(5));
            localCheck(List.of(), List.of(echoSeeing("a", NEW_IP))).run(daemon());
            clock.advance(Duration.ofMinutes(5));

            // a restart: a new check on the same state dir
            CheckResult r = localCheck(List.of(), List.of(echoSeeing("a", NEW_IP))).run(daemon());

            assertVerdict(Status.WARN, Category.IP_CHANGED, r);
            assertEquals("egress IP changed from 203.0.113.7 to 198.51.100.23 at 2026-03-01T10:05:00Z", r.summary());
            assertTrue(r.remediation().contains("add 198.51.100.23 to the API key allowlist"), r.remediation());
            assertTrue(r.remediation().contains("clears 1h after the change"), r.remediation());
        }

        @Test
        void theWarningClearsChangeWarnForAfterTheChange() throws Exception {
            EgressIpCheck check = localCheck(List.of(), List.of(echoSeeing("a", IP)));
            check.run(daemon());
            echo.ips.put("a", NEW_IP);
            clock.advance(Duration.ofMinutes(1));
            assertVerdict(Status.WARN, Category.IP_CHANGED, check.run(daemon()));

            clock.advance(Duration.ofHours(1));
            assertVerdict(Status.OK, Category.NONE, check.run(daemon()));
        }

        @Test
        void theWarningStillHoldsJustBeforeChangeWarnFor() throws Exception {
            EgressIpCheck check = localCheck(List.of(), List.of(echoSeeing("a", IP)));
            check.run(daemon());
            echo.ips.put("a", NEW_IP);
            check.run(daemon());

            clock.advance(Duration.ofMinutes(59));

            assertVerdict(Status.WARN, Category.IP_CHANGED, check.run(daemon()));
        }

        @Test
        void aChangeToAnAllowlistedIpNamesWhoAllowsIt() throws Exception {
            localCheck(List.of(IP, NEW_IP), List.of(echoSeeing("a", IP))).run(daemon());

            CheckResult r = localCheck(List.of(IP, NEW_IP), List.of(echoSeeing("a", NEW_IP))).run(daemon());

            assertVerdict(Status.WARN, Category.IP_CHANGED, r);
            assertTrue(r.remediation().startsWith("198.51.100.23 is allowlisted by checks.egress-ip.allowlist"),
                    r.remediation());
        }

        @Test
        void theHistoryIsShownInTheView() throws Exception {
            EgressIpCheck check = localCheck(List.of(), List.of(echoSeeing("a", IP)));
            check.run(daemon());
            echo.ips.put("a", NEW_IP);
            clock.advance(Duration.ofMinutes(2));
            check.run(daemon());

            EgressView view = check.view();

            assertEquals(NEW_IP, view.currentIp());
            assertEquals(List.of(new EgressState.Change(IP, NEW_IP, T0.plus(Duration.ofMinutes(2)))), view.changes());
            assertEquals(T0.plus(Duration.ofMinutes(2)), view.checkedAt());
            assertEquals(1, view.sources().size());
        }

        @Test
        void beforeAnyRunTheViewShowsTheStateFile() throws Exception {
            localCheck(List.of(), List.of(echoSeeing("a", IP))).run(daemon());

            EgressView view = localCheck(List.of(), List.of(echoSeeing("a", IP))).view();

            assertNull(view.currentIp());
            assertEquals(IP, view.lastKnownIp());
            assertEquals(T0, view.firstSeen());
        }
    }

    @Nested
    class WhenSourcesDisagree {

        @Test
        void theEchoSourceWinsAndEveryoneIsNamed() throws Exception {
            EgressIpCheck check = localCheck(List.of(IP), List.of(imdsSeeing("192.0.2.50"), echoSeeing("a", IP)));

            CheckResult r = check.run(daemon());

            assertVerdict(Status.WARN, Category.SOURCES_DISAGREE, r);
            assertEquals(IP, r.details().get("ip"));
            assertEquals("sources disagree: imds saw 192.0.2.50; " + echo.uri("/ip/a") + " saw 203.0.113.7; using "
                    + "203.0.113.7", r.summary());
            assertTrue(r.remediation().contains("remove imds from checks.egress-ip.sources"), r.remediation());
        }

        @Test
        void theMajorityOfEchoSourcesDecides() throws Exception {
            EgressIpCheck check = localCheck(List.of(), List.of(echoSeeing("a", NEW_IP), echoSeeing("b", IP),
                    echoSeeing("c", IP)));

            CheckResult r = check.run(daemon());

            assertVerdict(Status.WARN, Category.SOURCES_DISAGREE, r);
            assertEquals(IP, r.details().get("ip"));
            assertTrue(r.remediation().contains("allowlist every address an exchange may see: 198.51.100.23, "
                    + "203.0.113.7"), r.remediation());
        }

        @Test
        void imdsDecidesOnlyWhenNoEchoSourceAnswers() throws Exception {
            EgressIpCheck check = localCheck(List.of(IP), List.of(imdsSeeing(IP), echoAt("/500")));

            CheckResult r = check.run(daemon());

            assertVerdict(Status.OK, Category.NONE, r);
            assertEquals(List.of("imds"), r.details().get("decidedBy"));
        }
    }

    @Nested
    class WhenNoSourceAnswers {

        @Test
        void theVerdictIsUnknownUnavailableWithEachReason() throws Exception {
            EgressIpCheck check = localCheck(List.of(IP), List.of(echoAt("/500"), echoAt("/garbage")));

            CheckResult r = check.run(daemon());

            assertVerdict(Status.UNKNOWN, Category.UNAVAILABLE, r);
            assertTrue(r.summary().contains(echo.uri("/500") + ": HTTP 500"), r.summary());
            assertTrue(r.summary().contains("not an IP address"), r.summary());
            assertEquals(Optional.empty(), check.current());
        }

        @Test
        void theLastKnownIpIsStillShown() throws Exception {
            localCheck(List.of(), List.of(echoSeeing("a", IP))).run(daemon());

            CheckResult r = localCheck(List.of(), List.of(echoAt("/500"))).run(daemon());

            assertEquals(IP, r.details().get("lastKnownIp"));
        }

        @Test
        void hungSourcesAreCutAtTheDeadlineAsTimeout() throws Exception {
            EgressIpCheck check = localCheck(List.of(IP), List.of(echoAt("/hang"), echoAt("/hang-body")));
            long start = System.nanoTime();

            CheckResult r = check.run(within(Duration.ofSeconds(1), true));

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertVerdict(Status.UNKNOWN, Category.TIMEOUT, r);
            assertTrue(took.compareTo(Duration.ofMillis(1500)) < 0, "took " + took);
        }

        @Test
        void oneHungSourceDoesNotHangTheCheck() throws Exception {
            EgressIpCheck check = localCheck(List.of(IP), List.of(echoAt("/hang"), echoSeeing("a", IP)));
            long start = System.nanoTime();

            CheckResult r = check.run(within(Duration.ofSeconds(1), true));

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertVerdict(Status.OK, Category.NONE, r);
            assertEquals("TIMEOUT", sourcesDetail(r).get(0).get("category"));
            assertTrue(took.compareTo(Duration.ofMillis(1500)) < 0, "took " + took);
        }

        @Test
        void aSourceStillBusyFromTheLastRunIsNotCalledAgain() throws Exception {
            AtomicInteger calls = new AtomicInteger();
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            EgressSource stuck = new EgressSource() {
                @Override
                public String name() {
                    return "stuck";
                }

                @Override
                public boolean seesTraffic() {
                    return true;
                }

                @Override
                public String observe(Duration timeout) {
                    calls.incrementAndGet();
                    // like an SDK call blocked in a socket read: deaf to interrupts
                    boolean interrupted = false;
                    while (true) {
                        try {
                            release.await();
                            break;
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    return IP;
                }
            };
            EgressIpCheck check = localCheck(List.of(IP), List.of(stuck));
            try {
                check.run(within(Duration.ofMillis(300), true));
                CheckResult second = check.run(within(Duration.ofMillis(300), true));

                assertEquals(1, calls.get());
                assertEquals("still waiting for its previous request", sourcesDetail(second).get(0).get("error"));
            } finally {
                release.countDown();
            }
        }
    }

    @Nested
    class InTheAwsContext {

        private FakeEc2 ec2;

        private ElasticIpLookup ec2Lookup() {
            ec2 = new FakeEc2();
            Ec2Client client = ec2.client();
            Ec2ElasticIpLookup lookup = new Ec2ElasticIpLookup(() -> client);
            closeLater.add(client);
            closeLater.add(ec2);
            return lookup;
        }

        @Test
        void anIpThatIsNotElasticWarnsWithTheFix() throws Exception {
            EgressIpCheck check = check(List.of(IP), Map.of(), List.of(echoSeeing("a", IP)), Optional.of(ec2Lookup()));

            CheckResult r = check.run(daemon());

            assertVerdict(Status.WARN, Category.NOT_ELASTIC, r);
            assertEquals("egress IP 203.0.113.7 is not an Elastic IP", r.summary());
            assertEquals("this IP changes on the next stop/start; associate an Elastic IP, or route through a NAT "
                    + "gateway with one, then allowlist that", r.remediation());
            assertEquals(false, r.details().get("elastic"));
        }

        @Test
        void anElasticIpIsOkWithItsAllocation() throws Exception {
            ElasticIpLookup lookup = ec2Lookup();
            ec2.elasticIps.put(IP, new String[] {"eipalloc-0abc", "i-0123456789abcdef0"});
            EgressIpCheck check = check(List.of(IP), Map.of(), List.of(echoSeeing("a", IP)), Optional.of(lookup));

            CheckResult r = check.run(daemon());

            assertVerdict(Status.OK, Category.NONE, r);
            assertEquals("eipalloc-0abc", r.details().get("allocationId"));
            assertEquals("instance i-0123456789abcdef0", r.details().get("associatedWith"));
        }

        @Test
        void accessDeniedOnEc2IsOnlyADetail() throws Exception {
            ElasticIpLookup lookup = ec2Lookup();
            ec2.errorCode = "UnauthorizedOperation";
            EgressIpCheck check = check(List.of(IP), Map.of(), List.of(echoSeeing("a", IP)), Optional.of(lookup));

            CheckResult r = check.run(daemon());

            assertVerdict(Status.OK, Category.NONE, r);
            assertEquals("unknown: ec2:DescribeAddresses denied (UnauthorizedOperation)", r.details().get("elastic"));
            assertEquals("egress IP 203.0.113.7 (elastic unknown, allowlisted by checks.egress-ip.allowlist)",
                    r.summary());
        }

        @Test
        void outsideItEc2IsNeverAskedAndNotElasticNeverWarns() throws Exception {
            EgressIpCheck check = check(List.of(IP), Map.of(), List.of(echoSeeing("a", IP)), Optional.empty());

            CheckResult r = check.run(daemon());

            assertVerdict(Status.OK, Category.NONE, r);
            assertEquals("not checked (outside the AWS execution context)", r.details().get("elastic"));
        }
    }

    @Nested
    class TheStateFile {

        private Path file() {
            return stateDir.resolve("egress-ip.json");
        }

        @Test
        void aCorruptFileIsReportedAndReplaced() throws Exception {
            Files.writeString(file(), "{not json");

            CheckResult r = localCheck(List.of(IP), List.of(echoSeeing("a", IP))).run(daemon());

            assertVerdict(Status.OK, Category.NONE, r);
            String state = (String) r.details().get("state");
            assertTrue(state.contains("is corrupt") && state.endsWith("replaced"), state);
            assertEquals(IP, new EgressStateStore(stateDir).load().state().ip());
            assertEquals("{not json", Files.readString(stateDir.resolve("egress-ip.json.corrupt")));
        }

        @Test
        void aOneShotRunReadsButNeverWrites() throws Exception {
            CheckResult first = localCheck(List.of(), List.of(echoSeeing("a", IP))).run(oneShot());

            assertFalse(Files.exists(file()), "nothing written");
            assertEquals("first run: no state file yet; read only: a one-shot run does not save state",
                    first.details().get("state"));

            localCheck(List.of(), List.of(echoSeeing("a", IP))).run(daemon());
            String before = Files.readString(file());
            clock.advance(Duration.ofMinutes(1));
            CheckResult changed = localCheck(List.of(), List.of(echoSeeing("a", NEW_IP))).run(oneShot());

            assertVerdict(Status.WARN, Category.IP_CHANGED, changed);
            assertEquals(before, Files.readString(file()), "the daemon's state is left as it was");
        }

        @Test
        void aCorruptFileIsLeftAloneByAOneShotRun() throws Exception {
            Files.writeString(file(), "{not json");

            CheckResult r = localCheck(List.of(), List.of(echoSeeing("a", IP))).run(oneShot());

            assertTrue(((String) r.details().get("state")).contains("is corrupt"));
            assertEquals("{not json", Files.readString(file()));
        }

        @Test
        void anUnwritableStateDirIsOnlyADetail() throws Exception {
            Path notADir = Files.writeString(stateDir.resolve("plain-file"), "x");
            EgressIpCheck check = new EgressIpCheck(config(List.of(IP)), Map.of(), List.of(echoSeeing("a", IP)),
                    Optional.empty(), new EgressMemory(new EgressStateStore(notADir.resolve("state"))), clock,
                    SourceCalls.POOL);

            CheckResult r = check.run(daemon());

            assertVerdict(Status.OK, Category.NONE, r);
            assertTrue(((String) r.details().get("state")).contains("state not saved to "), r.details().toString());
            assertNotNull(check.view().stateProblem());
        }
    }

    /**
     * Issue 21, item 4: a state dir that takes no writes must not turn one change into a new one
     * on every run. The check's memory is the truth; the file is its copy, saved when possible.
     */
    @Nested
    class WhileTheStateCannotBeSaved {

        private EgressIpCheck check;
        /** Built as the agent builds it, from the changes the check shows. */
        private final EgressChangeCounter counter = new EgressChangeCounter(
                () -> check.view().changes().stream().map(EgressState.Change::at).toList(), T0);
        private Instant changedAt;
        private Repair repair;

        @BeforeEach
        void oneChangeWhileSavesFail() throws Exception {
            check = localCheck(List.of(), List.of(echoSeeing("a", IP)));
            assertVerdict(Status.OK, Category.NONE, check.run(daemon()));
            repair = breakSaving();
            echo.ips.put("a", NEW_IP);
            clock.advance(Duration.ofMinutes(1));
            changedAt = clock.instant();
        }

        @AfterEach
        void mend() throws IOException {
            repair.run();
        }

        /**
         * A read-only state dir. Root writes there all the same, so for root the state file's
         * path becomes a directory instead: the rename that saves fails just as surely.
         */
        private Repair breakSaving() throws IOException {
            Set<PosixFilePermission> was = Files.getPosixFilePermissions(stateDir);
            Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("r-xr-xr-x"));
            try {
                Files.delete(Files.createTempFile(stateDir, "probe", ".tmp"));
            } catch (AccessDeniedException refused) {
                return () -> Files.setPosixFilePermissions(stateDir, was);
            }
            Files.setPosixFilePermissions(stateDir, was);
            Path file = stateDir.resolve(EgressStateStore.FILE_NAME);
            Files.delete(file);
            Files.createDirectory(file);
            return () -> Files.deleteIfExists(file);
        }

        private List<CheckResult> fiveRuns() throws Exception {
            List<CheckResult> results = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                results.add(check.run(daemon()));
                assertEquals(1, counter.getAsLong(), "run " + (i + 1) + ": changes counted");
                clock.advance(Duration.ofMinutes(10));
            }
            return results;
        }

        @Test
        void theChangeIsReportedOnceWithTheTimeItHappened() throws Exception {
            for (CheckResult r : fiveRuns()) {
                assertVerdict(Status.WARN, Category.IP_CHANGED, r);
                assertEquals("egress IP changed from " + IP + " to " + NEW_IP + " at " + changedAt, r.summary());
            }
            assertEquals(List.of(new EgressState.Change(IP, NEW_IP, changedAt)), check.view().changes());
            assertEquals(1, counter.getAsLong());
        }

        @Test
        void everyRunSaysTheStateIsNotSaved() throws Exception {
            for (CheckResult r : fiveRuns()) {
                String state = (String) r.details().get("state");
                assertTrue(state != null && state.contains("state not saved to "), r.details().toString());
            }
            assertTrue(check.view().stateProblem().contains("state not saved to "), check.view().stateProblem());
        }

        @Test
        void theWarningClearsChangeWarnForAfterTheChange() throws Exception {
            fiveRuns();
            clock.advance(Duration.between(clock.instant(), changedAt.plus(Duration.ofHours(1))));

            CheckResult r = check.run(daemon());

            assertVerdict(Status.OK, Category.NONE, r);
            assertEquals(1, counter.getAsLong());
        }

        @Test
        void onceTheDiskTakesWritesAgainTheFileHoldsTheTimeOfTheChange() throws Exception {
            fiveRuns();
            repair.run();

            CheckResult r = check.run(daemon());

            assertFalse(String.valueOf(r.details().get("state")).contains("not saved"), r.details().toString());
            EgressState saved = new EgressStateStore(stateDir).load().state();
            assertEquals(NEW_IP, saved.ip());
            assertEquals(List.of(new EgressState.Change(IP, NEW_IP, changedAt)), saved.changes());
        }
    }

    /** Undoes what made saving fail. */
    private interface Repair {
        void run() throws IOException;
    }

    @Nested
    class TheViewForGetEgress {

        private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

        @Test
        void serialisesWithIsoInstantsAndWithoutEmptyFields() throws Exception {
            EgressIpCheck check = check(List.of(IP), Map.of(), List.of(imdsSeeing(null), echoSeeing("a", IP)),
                    Optional.of(answering(ElasticIpStatus.elastic("eipalloc-1", "instance i-1"))));
            check.run(daemon());

            JsonNode view = json.readTree(json.writeValueAsString(check.view()));

            assertEquals(IP, view.get("currentIp").asText());
            assertEquals("2026-03-01T10:00:00Z", view.get("checkedAt").asText());
            assertEquals("imds", view.get("sources").get(0).get("source").asText());
            assertEquals("UNAVAILABLE", view.get("sources").get(0).get("failure").asText());
            assertFalse(view.get("sources").get(1).has("error"));
            assertTrue(view.get("elastic").asBoolean());
            assertEquals("eipalloc-1", view.get("allocationId").asText());
            assertFalse(view.has("stateProblem"));
        }

        @Test
        void theResultDetailsSerialiseWithAPlainMapper() throws Exception {
            EgressIpCheck check = localCheck(List.of(IP), List.of(imdsSeeing(IP), echoSeeing("a", NEW_IP)));
            check.run(daemon());
            echo.ips.put("a", IP);

            CheckResult r = check.run(daemon());

            JsonNode details = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(r.details()));
            assertEquals(IP, details.get("lastChange").get("to").asText());
            assertEquals("2026-03-01T10:00:00Z", details.get("lastChange").get("at").asText());
        }
    }

    @Nested
    class TheSourceFactory {

        @Test
        void buildsNoClientBeforeTheFirstObservation() throws Exception {
            FakeImds imds = new FakeImds(IP);
            closeLater.add(imds);
            Ec2MetadataClient client = imds.client();
            closeLater.add(client);
            AtomicInteger imdsBuilt = new AtomicInteger();
            AtomicInteger httpBuilt = new AtomicInteger();

            List<EgressSource> sources = EgressSources.fromConfig(EgressIpCheckConfig.DEFAULT_SOURCES,
                    () -> {
                        imdsBuilt.incrementAndGet();
                        return client;
                    }, () -> {
                        httpBuilt.incrementAndGet();
                        return http;
                    });

            assertEquals(0, imdsBuilt.get());
            assertEquals(0, httpBuilt.get());
            assertEquals(IP, sources.get(0).observe(Duration.ofSeconds(5)));
            assertEquals(1, imdsBuilt.get());
            assertEquals(0, httpBuilt.get());
        }

        @Test
        void turnsTheDefaultSourcesIntoImdsAndAnEchoSourceInOrder() throws IOException {
            FakeImds imds = new FakeImds(IP);
            closeLater.add(imds);
            Ec2MetadataClient client = imds.client();
            closeLater.add(client);

            List<EgressSource> sources = EgressSources.fromConfig(EgressIpCheckConfig.DEFAULT_SOURCES, () -> client, () -> http);

            assertTrue(sources.get(0) instanceof ImdsEgressSource);
            assertTrue(sources.get(1) instanceof EchoEgressSource);
            assertEquals(URI.create("https://checkip.amazonaws.com").toString(), sources.get(1).name());
        }
    }
}
