package io.credwatch.check;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import io.credwatch.testing.CheckCore;
import io.credwatch.testing.MutableClock;
import io.credwatch.testing.ScriptedCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * What a face subscribed to the store is told, and how often: the subject here is the
 * interaction itself (once per transition, never for a run that changes nothing, in order), so
 * the listener is a Mockito mock that can say exactly which calls it received.
 */
class ListenerNotificationTest {

    private static final CheckResult OK = CheckResult.ok("bybit accepts the key");
    private static final CheckResult REFUSED = CheckResult.critical(Category.AUTH_FAILED, "bybit refuses the key",
            "compare the key");

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-02T03:04:05Z"));
    private final StatusChangeListener listener = mock(StatusChangeListener.class);
    private ScriptedCheck exchange;
    private CheckCore core;

    @BeforeEach
    void start() {
        exchange = new ScriptedCheck("exchange:bybit-main").type("exchange").every(Duration.ofMinutes(5))
                .timeout(Duration.ofSeconds(10)).tolerating(Tolerance.DEFAULT);
        core = new CheckCore(List.of(exchange), clock, Jitter.none(), 1, 50);
    }

    @AfterEach
    void stop() {
        core.close();
    }

    private void run(CheckResult result) throws Exception {
        clock.advance(Duration.ofMinutes(1));
        exchange.answers(result);
        core.runNow(exchange.id()).get(10, TimeUnit.SECONDS);
    }

    private static StatusChange change(Status from, Status to) {
        return argThat(c -> c != null && c.previousStatus() == from && c.current().status() == to);
    }

    @Test
    void eachTransitionIsToldOnceAndInOrderAndRepeatsAreNotToldAtAll() throws Exception {
        core.addListener(listener);
        run(OK);
        run(OK);
        run(REFUSED);
        run(REFUSED);
        run(REFUSED);
        run(OK);

        InOrder order = inOrder(listener);
        order.verify(listener).onStatusChange(change(null, Status.OK));
        order.verify(listener).onStatusChange(change(Status.OK, Status.CRITICAL));
        order.verify(listener).onStatusChange(change(Status.CRITICAL, Status.OK));
        verifyNoMoreInteractions(listener);
    }

    @Test
    void aReloadIsToldOnceWithTheNewIdsAndIsNotAStatusChange() throws Exception {
        core.addListener(listener);
        ScriptedCheck kucoin = new ScriptedCheck("exchange:kucoin-main").type("exchange").every(Duration.ofMinutes(5))
                .timeout(Duration.ofSeconds(10));
        core.store.replace(List.of(exchange, kucoin));

        verify(listener).onChecksReplaced(List.of("exchange:bybit-main", "exchange:kucoin-main"));
        verify(listener, never()).onStatusChange(any());
        verifyNoMoreInteractions(listener);
    }

    @Test
    void aListenerThatThrowsDoesNotKeepTheNextOneFromBeingTold() throws Exception {
        StatusChangeListener failing = mock(StatusChangeListener.class);
        doThrow(new IllegalStateException("a face broke")).when(failing).onStatusChange(any());
        core.addListener(failing);
        core.addListener(listener);

        run(OK);
        run(REFUSED);

        verify(failing).onStatusChange(change(null, Status.OK));
        verify(listener).onStatusChange(change(null, Status.OK));
        verify(listener).onStatusChange(change(Status.OK, Status.CRITICAL));
    }

    @Test
    void aRemovedListenerHearsNothingMore() throws Exception {
        core.addListener(listener);
        run(OK);
        core.store.removeListener(listener);
        run(REFUSED);

        verify(listener).onStatusChange(change(null, Status.OK));
        verifyNoMoreInteractions(listener);
    }
}
