package io.credwatch.systemd;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * {@code $NOTIFY_SOCKET}: an AF_UNIX datagram socket, which the JDK cannot send to (it has
 * AF_UNIX streams only), hence junixsocket. Each message is one datagram, as sd_notify(3)
 * sends it.
 */
final class NotifySocket {

    /** How long a message may wait for room in systemd's queue. */
    static final Duration SEND_LIMIT = Duration.ofSeconds(1);
    private static final long RETRY_EVERY_MS = 10;

    private final AFUNIXSocketAddress address;
    private final String name;

    private NotifySocket(AFUNIXSocketAddress address, String name) {
        this.address = address;
        this.name = name;
    }

    /** A path, or {@code @name} for a socket in the abstract namespace (sd_notify(3)). */
    static NotifySocket at(String spec) throws IOException {
        if (spec.isEmpty()) {
            throw new IOException("empty socket name");
        }
        AFUNIXSocketAddress address = spec.startsWith("@")
                ? AFUNIXSocketAddress.inAbstractNamespace(spec.substring(1))
                : AFUNIXSocketAddress.of(new File(spec));
        return new NotifySocket(address, spec);
    }

    /**
     * A fresh socket per message, like libsystemd: nothing to reconnect after systemd re-executes,
     * and a message every few seconds at most costs nothing. Sent without blocking: a datagram
     * socket's queue holds a few messages (net.unix.max_dgram_qlen, 10 by default), and a
     * blocking send to a systemd that does not read would hold the check that changed status,
     * and every on-demand run waiting for it, for as long as systemd stays busy. A message
     * that cannot be queued within {@link #SEND_LIMIT} is dropped with an IOException.
     */
    void send(String message) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + SEND_LIMIT.toNanos();
        try (AFUNIXDatagramChannel channel = AFUNIXDatagramChannel.open()) {
            channel.configureBlocking(false);
            while (channel.send(bytes, address) == 0) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("the notify socket's queue stayed full for " + SEND_LIMIT.toMillis()
                            + " ms: systemd is not reading it");
                }
                try {
                    Thread.sleep(RETRY_EVERY_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while systemd's queue was full", e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
