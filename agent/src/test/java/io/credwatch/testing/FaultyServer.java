package io.credwatch.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An outside dependency that fails in one {@link Fault} way, on 127.0.0.1 and a free port:
 * a raw socket server, so it can do what no HTTP server library would (reset, drip, answer
 * garbage). A thread per connection; {@link #close()} ends every connection it holds, which
 * also frees any client still reading from it.
 */
public final class FaultyServer implements AutoCloseable {

    /** In every garbage answer: a result that quotes it is caught by looking for this. */
    public static final String GARBAGE_MARKER = "secret-portal";
    public static final long HUGE_BYTES = 50L << 20;
    static final long DRIP_EVERY_MILLIS = 200;
    /** 1000 bytes at one per 200 ms: 200 s, longer than any timeout under test. */
    static final int DRIP_BYTES = 1000;
    private static final byte[] GARBAGE = ("\u0000\u0015\u0003SSH-2.0-" + GARBAGE_MARKER + "_7.4 not http at all\r\n"
            + "\u00ff\u00fe" + GARBAGE_MARKER + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    private static final String UNAVAILABLE_BODY = "{\"message\":\"Service Unavailable\",\"code\":503}";

    private final Fault fault;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong bodyBytesSent = new AtomicLong();
    private volatile boolean closed;

    public FaultyServer(Fault fault) {
        this.fault = fault;
        try {
            listener = fault == Fault.TLS ? UntrustedTls.serverSocket()
                    : new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::accept, "fault-server-" + fault.name().toLowerCase(Locale.ROOT));
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public Fault fault() {
        return fault;
    }

    /** {@code https://} for {@link Fault#TLS}, else {@code http://}: where a client is pointed. */
    public URI uri() {
        return uri("");
    }

    public URI uri(String path) {
        return URI.create((fault == Fault.TLS ? "https" : "http") + "://127.0.0.1:" + listener.getLocalPort() + path);
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Whether a request got as far as a connection. */
    public boolean reached() {
        return connections() > 0;
    }

    /** Body bytes written to clients (DRIP, HUGE): a client that stopped early kept this well short of the total. */
    public long bodyBytesSent() {
        return bodyBytesSent.get();
    }

    private void accept() {
        try {
            while (!closed) {
                Socket socket = listener.accept();
                connections.incrementAndGet();
                open.add(socket);
                Thread t = new Thread(() -> serve(socket), "fault-server-connection");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException stopped) {
            // closed: the test is over
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (fault == Fault.HANG) {
                // Drain whatever comes, answer nothing, until the client or close() gives up.
                while (in.read() >= 0) {
                    continue;
                }
                return;
            }
            readRequest(in);
            OutputStream out = socket.getOutputStream();
            switch (fault) {
                case RESET -> socket.setSoLinger(true, 0); // closing now sends an RST
                case GARBAGE -> out.write(GARBAGE);
                case STATUS_5XX -> answer(out, "503 Service Unavailable", UNAVAILABLE_BODY.length(), UNAVAILABLE_BODY);
                case DRIP -> drip(out);
                case HUGE -> huge(out);
                case TLS -> {
                    // Never reached: the handshake in readRequest fails first.
                }
                case HANG -> throw new IllegalStateException();
            }
            out.flush();
        } catch (IOException clientWentAway) {
            // expected: a client that gives up, a refused certificate, or close()
        } finally {
            open.remove(socket);
        }
    }

    private static void answer(OutputStream out, String status, long length, String body) throws IOException {
        // The TTL header makes a 200 look like an IMDS token answer too, so an IMDS client goes
        // on to read the body instead of refusing the headers.
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + length
                + "\r\nX-aws-ec2-metadata-token-ttl-seconds: 21600\r\nConnection: close\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Whitespace, which JSON and XML allow before a document: every parser keeps waiting for more. */
    private void drip(OutputStream out) throws IOException {
        answer(out, "200 OK", DRIP_BYTES, "");
        for (int i = 0; i < DRIP_BYTES && !closed; i++) {
            out.write(' ');
            out.flush();
            bodyBytesSent.incrementAndGet();
            try {
                Thread.sleep(DRIP_EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One long JSON string: a parser that reads values whole must hold all of it. */
    private void huge(OutputStream out) throws IOException {
        answer(out, "200 OK", HUGE_BYTES, "");
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        byte[] first = chunk.clone();
        System.arraycopy("{\"padding\":\"".getBytes(StandardCharsets.US_ASCII), 0, first, 0, 12);
        for (long sent = 0; sent < HUGE_BYTES && !closed; sent += chunk.length) {
            out.write(sent == 0 ? first : chunk);
            bodyBytesSent.addAndGet(chunk.length);
        }
    }

    /** The request's headers and, when it declares one, its body: unread bytes would turn a close into a reset. */
    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length && head.size() < 64 * 1024) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        long length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(line.substring(colon + 1).trim());
            }
        }
        in.skipNBytes(length);
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
