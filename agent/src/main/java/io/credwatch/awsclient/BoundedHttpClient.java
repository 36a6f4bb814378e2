package io.credwatch.awsclient;

import io.credwatch.net.AnswerTooLargeException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The SDK's HTTP client with the limits it lacks:
 * <ul>
 * <li>an answer is read up to {@code maxAnswerBytes}, then given up on: the SDK reads bodies
 *     whole (a JSON string value, IMDS's text), so 50 MB from a broken endpoint would be 50 MB
 *     of heap, more than the daemon has;</li>
 * <li>optionally, the whole answer (headers and body) must arrive within {@code answerWithin}:
 *     a socket timeout is per read, so an endpoint sending a byte a second never trips it, and
 *     the IMDS client has no call timeout of its own (service calls have the SDK's). A body
 *     read already waiting when the time is up ends at its next byte or its socket timeout,
 *     not before: see {@link Bounded#expire()};</li>
 * <li>the URLConnection client lets an {@link UncheckedIOException} out for an answer that is
 *     not HTTP, which the SDK passes on unwrapped past every {@code catch (SdkException)}; it
 *     is turned back into the {@link IOException} it carries, which the SDK wraps and retries.</li>
 * </ul>
 */
final class BoundedHttpClient implements SdkHttpClient {

    private final SdkHttpClient delegate;
    private final long maxAnswerBytes;
    private final Optional<Duration> answerWithin;
    private final ScheduledExecutorService alarms;

    /** @param alarms the composition root's timer, which cuts an answer that takes too long; it closes it */
    BoundedHttpClient(SdkHttpClient delegate, long maxAnswerBytes, Optional<Duration> answerWithin,
                      ScheduledExecutorService alarms) {
        this.delegate = delegate;
        this.maxAnswerBytes = maxAnswerBytes;
        this.answerWithin = answerWithin;
        this.alarms = alarms;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new Bounded(delegate.prepareRequest(request));
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }

    private final class Bounded implements ExecutableHttpRequest {

        private final ExecutableHttpRequest call;
        private volatile ScheduledFuture<?> alarm;
        /** Set by the alarm; with {@link #reading}, guarded by this object. */
        private boolean expired;
        /** A body read is in progress: it holds the lock that closing the connection needs. */
        private boolean reading;

        Bounded(ExecutableHttpRequest call) {
            this.call = call;
        }

        @Override
        public HttpExecuteResponse call() throws IOException {
            answerWithin.ifPresent(bound -> alarm = alarms.schedule(this::expire, bound.toMillis(), TimeUnit.MILLISECONDS));
            HttpExecuteResponse response;
            try {
                response = call.call();
            } catch (UncheckedIOException e) {
                disarm();
                throw expired() ? timedOut() : e.getCause();
            } catch (IOException e) {
                disarm();
                throw expired() ? timedOut() : e;
            }
            long declared = response.httpResponse().firstMatchingHeader("Content-Length")
                    .map(BoundedHttpClient::length).orElse(-1L);
            if (declared > maxAnswerBytes) {
                abort();
                throw new AnswerTooLargeException(maxAnswerBytes);
            }
            return HttpExecuteResponse.builder()
                    .response(response.httpResponse())
                    .responseBody(response.responseBody()
                            .map(body -> AbortableInputStream.create(new Counted(body), body))
                            .orElse(null))
                    .build();
        }

        @Override
        public void abort() {
            disarm();
            call.abort();
        }

        /**
         * The time is up. The alarm must not close the connection while a body read is waiting:
         * HttpURLConnection closes the body stream under the same lock the waiting read holds,
         * and that lock is not fair, so against a server sending a byte every so often the
         * reader takes it back after each byte and the close (and the timer thread it runs on)
         * waits for as long as the server keeps sending. Then the reader cuts the call itself
         * when its read returns; otherwise nothing holds the lock and closing is immediate.
         */
        private void expire() {
            synchronized (this) {
                expired = true;
                if (reading) {
                    return;
                }
            }
            call.abort();
        }

        private synchronized boolean expired() {
            return expired;
        }

        /** @throws SocketTimeoutException instead of reading, once the time is up */
        private synchronized void startRead() throws SocketTimeoutException {
            if (expired) {
                throw timedOut();
            }
            reading = true;
        }

        /** @return whether the time ran out while the read waited */
        private synchronized boolean finishRead() {
            reading = false;
            return expired;
        }

        private void disarm() {
            ScheduledFuture<?> a = alarm;
            if (a != null) {
                a.cancel(false);
            }
        }

        private SocketTimeoutException timedOut() {
            return new SocketTimeoutException("no whole answer within " + answerWithin.orElseThrow().toMillis() + "ms");
        }

        /**
         * The body, cut off past the limit and when the alarm rang; disarms the alarm when done.
         * A body cut by the alarm is an error, never an end: a closed HttpURLConnection stream
         * reads as a clean end of stream, which would pass the bytes so far off as the whole
         * answer (a token of blanks, an empty role list).
         */
        private final class Counted extends FilterInputStream {

            private long seen;

            Counted(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                startRead();
                int n;
                try {
                    n = super.read(b, off, len);
                } catch (IOException e) {
                    if (finishRead()) {
                        throw cut();
                    }
                    disarm();
                    throw e;
                }
                if (finishRead()) {
                    throw cut();
                }
                if (n < 0) {
                    disarm();
                    return n;
                }
                seen += n;
                if (seen > maxAnswerBytes) {
                    abort();
                    throw new AnswerTooLargeException(maxAnswerBytes);
                }
                return n;
            }

            /**
             * The alarm rang while this read waited, and left the closing to it: no read holds
             * the stream now, so it closes at once.
             */
            private SocketTimeoutException cut() {
                call.abort();
                return timedOut();
            }

            @Override
            public long skip(long n) throws IOException {
                return read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192));
            }

            @Override
            public void close() throws IOException {
                disarm();
                super.close();
            }
        }
    }

    private static long length(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
