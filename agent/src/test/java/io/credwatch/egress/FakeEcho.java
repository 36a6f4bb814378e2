package io.credwatch.egress;

import io.credwatch.testing.Loopback;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Echo services: {@code /ip/<name>} answers the IP set for that name (as checkip.amazonaws.com
 * does, with a trailing newline); {@code /garbage}, {@code /500}, {@code /huge} (far more than an
 * IP), {@code /hang} (never answers) and {@code /hang-body} (headers, then nothing) misbehave.
 */
final class FakeEcho extends Loopback {

    final Map<String, String> ips = new ConcurrentHashMap<>();
    /** Released when the test ends, so hung handlers return. */
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger hugeBytesWritten = new AtomicInteger();

    FakeEcho() {
        server.createContext("/ip/", ex -> {
            String name = ex.getRequestURI().getPath().substring("/ip/".length());
            String ip = ips.get(name);
            if (ip == null) {
                send(ex, 404, "text/plain", "");
            } else {
                send(ex, 200, "text/plain;charset=UTF-8", ip + "\n");
            }
        });
        server.createContext("/garbage", ex -> send(ex, 200, "text/html", "<html><body>Your IP: somewhere</body></html>"));
        server.createContext("/hostname", ex -> send(ex, 200, "text/plain", "localhost\n"));
        server.createContext("/500", ex -> send(ex, 500, "text/plain", "internal error"));
        server.createContext("/hang", ex -> {
            awaitRelease();
            send(ex, 200, "text/plain", "203.0.113.99\n");
        });
        server.createContext("/hang-body", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write("203.0.".getBytes());
                out.flush();
                awaitRelease();
            } catch (IOException closedByClient) {
                // expected once the client gives up
            }
        });
        server.createContext("/huge", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) '1');
            try (OutputStream out = ex.getResponseBody()) {
                // Up to 64 MiB: a client that reads it all would show in time and memory.
                for (int i = 0; i < 1024 && release.getCount() > 0; i++) {
                    out.write(chunk);
                    hugeBytesWritten.addAndGet(chunk.length);
                }
            } catch (IOException closedByClient) {
                // expected: the client stops reading after a few hundred bytes
            }
        });
        start();
    }

    URI ip(String name, String ip) {
        ips.put(name, ip);
        return uri("/ip/" + name);
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        super.close();
    }
}
