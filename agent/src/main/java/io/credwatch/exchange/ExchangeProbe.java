package io.credwatch.exchange;

import io.credwatch.config.ExchangeType;
import io.credwatch.credential.ApiCredentials;
import java.time.Instant;

/**
 * Asks one exchange, read-only, whether a key authenticates and what it may do. Never sends
 * an order or a transfer; never throws for anything the exchange or the network does: every
 * such end is an outcome.
 */
public interface ExchangeProbe {

    ExchangeType exchange();

    /** The public time call, then the signed read-only call(s); every attempt ends by {@code deadline}. */
    ProbeOutcome probe(ApiCredentials credentials, Instant deadline) throws InterruptedException;

    /**
     * Only the public time call (the LOCAL execution context): no signature is built and no
     * private request is sent. The outcome is never authenticated; it carries the clock
     * offset, or why the exchange could not be reached.
     */
    ProbeOutcome probePublic(Instant deadline) throws InterruptedException;
}
