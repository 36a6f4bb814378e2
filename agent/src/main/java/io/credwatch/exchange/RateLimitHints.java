package io.credwatch.exchange;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When an exchange that refused for load said to come back, read from its answer. Each says it
 * its own way; where several speak, the latest wins, since any one of them may be the ban that
 * the others do not know of. Times relative to the answer count from when it arrived.
 */
final class RateLimitHints {

    /** Binance -1003: "Way too much request weight used; IP banned until 1700000000000. ..." */
    private static final Pattern BANNED_UNTIL = Pattern.compile("banned until (\\d{10,16})");
    /** An error body is short; the ban's time is in its first sentence. */
    private static final int BODY_SCANNED = 4096;
    /** Below this, an X-RateLimit-Reset is seconds to wait; above, a Unix time (no window lasts 30 years). */
    private static final long EPOCH_SECONDS_FROM = 1_000_000_000L;

    private RateLimitHints() {
    }

    static Optional<Instant> retryAt(Reply reply) {
        List<Instant> said = new ArrayList<>();
        Instant at = reply.receivedAt();
        // Seconds or an HTTP date (RFC 9110 section 10.2.3); Binance sends it with 429 and 418.
        reply.headers().firstValue("Retry-After").flatMap(v -> retryAfter(v, at)).ifPresent(said::add);
        // Bybit: the epoch millisecond the account's window resets (v5 Rate Limit Rules).
        reply.headers().firstValue("X-Bapi-Limit-Reset-Timestamp").flatMap(RateLimitHints::number)
                .map(Instant::ofEpochMilli).ifPresent(said::add);
        // KuCoin: milliseconds until its resource pool refills (Rate Limit, "request header").
        reply.headers().firstValue("gw-ratelimit-reset").flatMap(RateLimitHints::number)
                .map(at::plusMillis).ifPresent(said::add);
        // Alpaca: the Unix second its window resets.
        reply.headers().firstValue("X-RateLimit-Reset").flatMap(RateLimitHints::number)
                .map(v -> v >= EPOCH_SECONDS_FROM ? Instant.ofEpochSecond(v) : at.plusSeconds(v)).ifPresent(said::add);
        bannedUntil(reply.body()).ifPresent(said::add);
        return said.stream().max(Comparator.naturalOrder());
    }

    private static Optional<Instant> retryAfter(String value, Instant receivedAt) {
        Optional<Long> seconds = number(value);
        if (seconds.isPresent()) {
            return Optional.of(receivedAt.plusSeconds(seconds.get()));
        }
        return ExchangeHttp.httpDate(value);
    }

    private static Optional<Instant> bannedUntil(byte[] body) {
        String text = new String(Arrays.copyOf(body, Math.min(body.length, BODY_SCANNED)), StandardCharsets.UTF_8);
        Matcher m = BANNED_UNTIL.matcher(text);
        return m.find() ? Optional.of(Instant.ofEpochMilli(Long.parseLong(m.group(1)))) : Optional.empty();
    }

    /** A non-negative whole number of at most 16 digits (no exchange's time needs more), else nothing. */
    private static Optional<Long> number(String value) {
        String v = value.strip();
        return v.matches("\\d{1,16}") ? Optional.of(Long.parseLong(v)) : Optional.empty();
    }
}
