package io.credwatch.systemd;

import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** The systemd side of sd_notify: a real AF_UNIX datagram socket, bound by the test. */
public final class NotifyReceiver implements AutoCloseable {

    private final AFUNIXDatagramSocket socket;
    /** What NOTIFY_SOCKET would hold: the path, or {@code @name} for an abstract socket. */
    public final String spec;

    private NotifyReceiver(AFUNIXDatagramSocket socket, String spec) {
        this.socket = socket;
        this.spec = spec;
    }

    public static NotifyReceiver atPath(File path) throws IOException {
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

    /**
     * Reads every datagram from now on, as systemd does, on a thread of its own until closed:
     * a receiver nobody reads fills its queue (ten datagrams) and then blocks the sender.
     */
    public List<String> readAll() {
        List<String> all = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[4096];
            while (!socket.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                    all.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
                } catch (IOException closedOrQuiet) {
                    // closed: the loop ends; a timeout left from next(): read on
                }
            }
        }, "notify-receiver");
        reader.setDaemon(true);
        reader.start();
        return all;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
