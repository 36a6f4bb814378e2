package io.credwatch.systemd;

import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.nio.charset.StandardCharsets;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * {@code $NOTIFY_SOCKET}: an AF_UNIX datagram socket, which the JDK cannot send to (it has
 * AF_UNIX streams only), hence junixsocket. Each message is one datagram, as sd_notify(3)
 * sends it.
 */
final class NotifySocket {

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
     * and a message every few seconds at most costs nothing.
     */
    void send(String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        try (AFUNIXDatagramSocket socket = AFUNIXDatagramSocket.newInstance()) {
            socket.connect(address);
            socket.send(new DatagramPacket(bytes, bytes.length));
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
