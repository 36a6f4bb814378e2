package io.credwatch.systemd;

import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** The systemd side of sd_notify: a real AF_UNIX datagram socket, bound by the test. */
final class NotifyReceiver implements AutoCloseable {

    private final AFUNIXDatagramSocket socket;
    /** What NOTIFY_SOCKET would hold: the path, or {@code @name} for an abstract socket. */
    final String spec;

    private NotifyReceiver(AFUNIXDatagramSocket socket, String spec) {
        this.socket = socket;
        this.spec = spec;
    }

    static NotifyReceiver atPath(File path) throws IOException {
        AFUNIXDatagramSocket socket = AFUNIXDatagramSocket.newInstance();
        socket.bind(AFUNIXSocketAddress.of(path));
        return new NotifyReceiver(socket, path.getPath());
    }

    static NotifyReceiver abstractNamed(String name) throws IOException {
        AFUNIXDatagramSocket socket = AFUNIXDatagramSocket.newInstance();
        socket.bind(AFUNIXSocketAddress.inAbstractNamespace(name));
        return new NotifyReceiver(socket, "@" + name);
    }

    /** The next datagram, exactly as sent; fails after 10 s. */
    String next() throws IOException {
        byte[] buffer = new byte[4096];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout(10_000);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no datagram on " + spec + " within 10 s", e);
        }
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    /** The next datagram that is not a bare STATUS update, which may come whenever a check finishes. */
    String nextAnnouncement() throws IOException {
        String next = next();
        while (next.startsWith("STATUS=")) {
            next = next();
        }
        return next;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
