package io.credwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.credwatch.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HostPortHttpField;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** Refused requests are logged at most once a minute per kind, with a count of the rest. */
class ClientMistakesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-02T03:04:05Z"));
    private final ClientMistakes mistakes = new ClientMistakes(clock);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ClientMistakes.class);

    @BeforeEach
    void capture() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logs);
    }

    private List<String> lines() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private void report(ClientMistake kind, int times) {
        for (int i = 0; i < times; i++) {
            mistakes.report(kind);
        }
    }

    @Nested
    class OncePerMinute {

        @Test
        void theFirstOfAKindIsLoggedAtOnce() {
            mistakes.report(ClientMistake.BAD_HOST);

            assertEquals(1, lines().size());
            assertTrue(lines().get(0).contains("[BAD_HOST]"), lines().get(0));
        }

        @Test
        void moreWithinTheMinuteAreOnlyCounted() {
            report(ClientMistake.BAD_HOST, 5);
            clock.advance(Duration.ofSeconds(59));
            mistakes.report(ClientMistake.BAD_HOST);

            assertEquals(1, lines().size(), lines()::toString);
        }

        @Test
        void theFirstAMinuteLaterIsLoggedWithTheCountOfTheOthers() {
            report(ClientMistake.BAD_HOST, 5);
            clock.advance(ClientMistakes.INTERVAL);
            mistakes.report(ClientMistake.BAD_HOST);

            assertEquals(2, lines().size(), lines()::toString);
            assertTrue(lines().get(1).contains("4 more since 2030-01-02T03:04:05Z"), lines().get(1));
        }

        @Test
        void eachKindHasItsOwnMinute() {
            report(ClientMistake.BAD_HOST, 3);
            report(ClientMistake.TOO_LARGE, 3);

            assertEquals(2, lines().size(), lines()::toString);
            assertTrue(lines().get(1).contains("[TOO_LARGE]"), lines().get(1));
        }
    }

    @Nested
    class Counts {

        @Test
        void aFloodThatStopsIsCountedOnceItsMinuteIsOver() {
            report(ClientMistake.MALFORMED, 10);
            mistakes.flushDue();
            assertEquals(1, lines().size(), lines()::toString);

            clock.advance(ClientMistakes.INTERVAL);
            mistakes.flushDue();
            mistakes.flushDue();

            assertEquals(2, lines().size(), lines()::toString);
            assertTrue(lines().get(1).contains("refused 9 more requests") && lines().get(1).contains("[MALFORMED]"),
                    lines().get(1));
        }

        @Test
        void aCountStartsTheKindsNextMinute() {
            report(ClientMistake.MALFORMED, 10);
            clock.advance(ClientMistakes.INTERVAL);
            mistakes.flushDue();

            clock.advance(Duration.ofSeconds(30));
            report(ClientMistake.MALFORMED, 2);

            assertEquals(2, lines().size(), lines()::toString);
        }

        @Test
        void onStopEveryCountNotYetLoggedIsLogged() {
            report(ClientMistake.BAD_TARGET, 4);
            report(ClientMistake.FOREIGN_HOST, 1);

            mistakes.flushAll();

            assertEquals(3, lines().size(), lines()::toString);
            assertTrue(lines().get(2).contains("refused 3 more requests") && lines().get(2).contains("[BAD_TARGET]"),
                    lines().get(2));
        }
    }

    @Nested
    class Kinds {

        /** As Jetty raises them; its BadMessageException takes 4xx only. */
        private static HttpException refusal(int status) {
            return new HttpException.RuntimeException(status);
        }

        private static HttpException refusal(String reason) {
            return new HttpException.RuntimeException(400, reason);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(ints = {413, 414, 431})
        void oversizeIsTooLarge(int status) {
            assertEquals(Optional.of(ClientMistake.TOO_LARGE), ClientMistake.of(refusal(status)));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(ints = {426, 505})
        void anotherVersionIsNotHttp1(int status) {
            assertEquals(Optional.of(ClientMistake.NOT_HTTP_1), ClientMistake.of(refusal(status)));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(ints = {500, 503})
        void aFailureOnThisSideIsNoClientMistake(int status) {
            assertEquals(Optional.empty(), ClientMistake.of(refusal(status)));
        }

        @Test
        void aHostJettyCannotParseIsABadHost() {
            HttpException refusal = assertThrows(HttpException.RuntimeException.class,
                    () -> new HostPortHttpField("localhost:abc"));

            assertEquals(Optional.of(ClientMistake.BAD_HOST), ClientMistake.of(refusal));
        }

        @Test
        void aRepeatedHostIsABadHost() {
            HttpException refusal = refusal(HttpCompliance.Violation.DUPLICATE_HOST_HEADERS.getDescription());

            assertEquals(Optional.of(ClientMistake.BAD_HOST), ClientMistake.of(refusal));
        }

        @Test
        void aUriViolationOrAnAuthorityJettyCannotParseIsABadTarget() {
            HttpException violation = refusal(UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR.getDescription());
            IllegalArgumentException unparsable = assertThrows(IllegalArgumentException.class,
                    () -> HttpURI.build("http://localhost:abc/health"));

            assertEquals(Optional.of(ClientMistake.BAD_TARGET), ClientMistake.of(violation));
            assertEquals(Optional.of(ClientMistake.BAD_TARGET),
                    ClientMistake.of(new HttpException.RuntimeException(400, "Bad Request", unparsable)));
        }

        @Test
        void anyOtherBadRequestIsMalformedAndAnyOther4xxOther() {
            assertEquals(Optional.of(ClientMistake.MALFORMED), ClientMistake.of(refusal("Bad Request")));
            assertEquals(Optional.of(ClientMistake.OTHER), ClientMistake.of(refusal(417)));
        }
    }
}
