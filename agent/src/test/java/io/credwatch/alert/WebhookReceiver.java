package io.credwatch.alert;

import io.credwatch.testing.Loopback;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A webhook receiver on 127.0.0.1 that keeps every POST, answers as told, and can hang. */
public final class WebhookReceiver extends Loopback {

    /** @param headers every request header, as {@code name: value} lines */
    public record Received(String path, String contentType, String headers, String body) {
    }

    public final List<Received> received = new CopyOnWriteArrayList<>();
    /** The next answers' status codes, in order; 200 once they run out. */
    final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
    volatile CountDownLatch hangUntil;

    public WebhookReceiver() {
        server.createContext("/", ex -> {
            StringBuilder headers = new StringBuilder();
            ex.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.append(name).append(": ")
                    .append(v).append('\n')));
            received.add(new Received(ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("Content-Type"),
                    headers.toString(), read(ex)));
            CountDownLatch hang = hangUntil;
            if (hang != null) {
                try {
                    hang.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer status = answers.poll();
            send(ex, status == null ? 200 : status, "text/plain", "ok");
        });
    }

    public List<String> bodies(String path) {
        return received.stream().filter(r -> r.path().equals(path)).map(Received::body).toList();
    }
}
