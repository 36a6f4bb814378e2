package io.credwatch.exchange;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One HTTP answer, with when it was asked and answered by this host's clock, so a server
 * time in it can be turned into an offset.
 *
 * @param date    the {@code Date} header, when present and readable
 * @param headers all of them, for what a rate-limited answer says about coming back
 */
record Reply(int status, byte[] body, Optional<Instant> date, Instant sentAt, Instant receivedAt, HttpHeaders headers) {

    /** The server's clock minus ours, taking the server's time as read halfway through the call. */
    Duration offsetOf(Instant serverTime) {
        Instant midpoint = sentAt.plus(Duration.between(sentAt, receivedAt).dividedBy(2));
        return Duration.between(midpoint, serverTime);
    }
}
