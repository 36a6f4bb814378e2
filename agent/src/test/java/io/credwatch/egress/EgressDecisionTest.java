package io.credwatch.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.Category;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EgressDecisionTest {

    private static final String IP = "203.0.113.7";
    private static final String OTHER = "198.51.100.23";

    /** Only its name and kind matter to the decision; it is never asked. */
    private record Named(String name, boolean seesTraffic) implements EgressSource {
        @Override
        public String observe(Duration timeout) {
            throw new AssertionError("the decision never calls a source");
        }
    }

    private static final EgressSource IMDS = new Named("imds", false);
    private static final EgressSource A = new Named("echo-a", true);
    private static final EgressSource B = new Named("echo-b", true);
    private static final EgressSource C = new Named("echo-c", true);

    private static EgressObservation saw(EgressSource s, String ip) {
        return EgressObservation.saw(s.name(), ip, 1);
    }

    private static EgressObservation failed(EgressSource s) {
        return EgressObservation.failed(s.name(), Category.UNAVAILABLE, "HTTP 500", 1);
    }

    @Nested
    class AmongEchoSources {

        @Test
        void theMajorityDecidesWhereverItIsListed() {
            EgressDecision d = EgressDecision.decide(List.of(A, B, C), List.of(saw(A, OTHER), saw(B, IP), saw(C, IP)));

            assertEquals(IP, d.ip());
            assertEquals(List.of("echo-b", "echo-c"), d.decidedBy());
            assertEquals(2, d.trafficIps());
            assertTrue(d.disagree());
        }

        @Test
        void aTieGoesToTheSourceListedFirst() {
            EgressDecision d = EgressDecision.decide(List.of(A, B), List.of(saw(A, OTHER), saw(B, IP)));

            assertEquals(OTHER, d.ip());
            assertEquals(List.of("echo-a"), d.decidedBy());
        }
    }

    @Nested
    class WithImds {

        @Test
        void oneEchoSourceOutweighsImds() {
            EgressDecision d = EgressDecision.decide(List.of(IMDS, A), List.of(saw(IMDS, OTHER), saw(A, IP)));

            assertEquals(IP, d.ip());
            assertEquals(List.of("echo-a"), d.decidedBy());
            assertEquals(1, d.trafficIps(), "imds is not traffic: the echo sources agree among themselves");
            assertTrue(d.disagree());
            assertEquals(Map.of(OTHER, List.of("imds"), IP, List.of("echo-a")), d.byIp());
        }

        @Test
        void imdsDecidesOnlyWhenNoEchoSourceAnswered() {
            EgressDecision d = EgressDecision.decide(List.of(IMDS, A), List.of(saw(IMDS, IP), failed(A)));

            assertEquals(IP, d.ip());
            assertEquals(List.of("imds"), d.decidedBy());
            assertEquals(0, d.trafficIps());
            assertFalse(d.disagree());
        }
    }

    @Test
    void noAnswerDecidesNothing() {
        EgressDecision d = EgressDecision.decide(List.of(IMDS, A), List.of(failed(IMDS), failed(A)));

        assertNull(d.ip());
        assertEquals(List.of(), d.decidedBy());
        assertFalse(d.disagree());
    }
}
