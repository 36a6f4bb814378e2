package io.credwatch.egress;

import java.time.Duration;

/** One place that can tell which public IP this host's traffic leaves from. */
public interface EgressSource {

    /** How details and messages name the source: {@code imds} or the echo URL (without credentials or query). */
    String name();

    /** True for a source that sees the IP traffic really leaves from (an echo service), not a corroboration. */
    boolean seesTraffic();

    /**
     * The public IP literal, normalised ({@code InetAddress.getHostAddress()}).
     *
     * @param timeout how long this call may take; the caller also stops waiting past it
     * @throws EgressSourceException why the source gave no IP, in words safe to show
     */
    String observe(Duration timeout) throws EgressSourceException, InterruptedException;
}
