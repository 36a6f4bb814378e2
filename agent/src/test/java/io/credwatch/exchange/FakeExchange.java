package io.credwatch.exchange;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.credwatch.credential.ApiCredentials;
import io.credwatch.testing.Loopback;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An exchange on 127.0.0.1 that knows one key pair. A private request is checked as the
 * exchange checks it (key, IP, timestamp window against its own clock, signature recomputed
 * from the raw request) and refused with the exchange's code; one that passes gets the
 * scripted code for its path, if any, else the success answer. Any path can be told to hang,
 * fail with 500, send garbage or a huge body.
 */
abstract class FakeExchange extends Loopback {

    enum Misbehaviour { HANG, ERROR_500, GARBAGE, HUGE, NOT_FOUND }

    /** What reached the exchange: {@code GET /path}, with {@code [key]} when it carried the key anywhere. */
    final List<String> log = new CopyOnWriteArrayList<>();
    /** The {@code User-Agent} of every request, in order ({@code ""} when there was none). */
    final List<String> userAgents = new CopyOnWriteArrayList<>();
    final AtomicInteger hugeBytesWritten = new AtomicInteger();
    static final ObjectMapper JSON = new ObjectMapper();

    final ApiCredentials known;
    private final String publicPath;
    private final Set<String> privatePaths;
    /** The exchange's clock minus the real one. */
    volatile Duration skew = Duration.ZERO;
    /** The key's bound IPs; empty: unbound. */
    volatile Set<String> boundIps = Set.of();
    /**
     * The public half of a self-generated key (Ed25519 or RSA), as the operator registered it:
     * requests are verified with it, as the exchange does, instead of with the shared secret.
     */
    volatile PublicKey registered;
    /** Error messages quote the request, as Bybit's 10004 does: the worst case for leaking. */
    volatile boolean echoRequests;
    private final Map<String, String> scripted = new ConcurrentHashMap<>();
    private final Map<String, Misbehaviour> misbehaviour = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<String, Canned> canned = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);

    /** A whole answer, as an exchange in a mood sends it (a 429 with its Retry-After, say). */
    record Canned(int status, Map<String, String> headers, String body) {
    }

    record Request(String method, String path, String rawQuery, String body, Headers headers, String remoteIp) {
        String header(String name) {
            String value = headers.getFirst(name);
            return value == null ? "" : value;
        }

        String quoted() {
            return method + " " + path + "?" + rawQuery + " " + body + " " + headers.entrySet();
        }
    }

    /**
     * @param publicPath   the public time call
     * @param privatePaths the signed read-only calls; any other path is a 404
     */
    FakeExchange(ApiCredentials known, String publicPath, Set<String> privatePaths) {
        this.known = known;
        this.publicPath = publicPath;
        this.privatePaths = privatePaths;
        server.createContext("/", this::dispatch);
        start();
    }

    String publicPath() {
        return publicPath;
    }

    Set<String> privatePaths() {
        return privatePaths;
    }

    /** The public time call's answer. */
    abstract void answerTime(HttpExchange ex, Request request) throws IOException;

    /** The code the exchange refuses this request with (key, timestamp, signature), or null. */
    abstract String refusal(Request request);

    abstract String ipRefusal();

    abstract void answerError(HttpExchange ex, Request request, String code, String message) throws IOException;

    abstract void answerSuccess(HttpExchange ex, Request request) throws IOException;

    Instant now() {
        return Instant.now().plus(skew);
    }

    /** The answer to the next private calls of {@code path} that pass every check. */
    void refuse(String path, String code) {
        scripted.put(path, code);
    }

    void misbehave(String path, Misbehaviour what) {
        misbehaviour.put(path, what);
    }

    /** From now on every request, to any path, gets this answer; {@link #stopAnswering()} ends it. */
    void answerEverything(int status, Map<String, String> headers, String body) {
        canned.put("*", new Canned(status, headers, body));
    }

    /** From now on requests to {@code path} that pass every check get this answer. */
    void answer(String path, int status, Map<String, String> headers, String body) {
        canned.put(path, new Canned(status, headers, body));
    }

    void stopAnswering() {
        canned.clear();
    }

    void failFirst(String path, int times) {
        failures.put(path, new AtomicInteger(times));
    }

    /** Requests to the signed paths, whatever became of them. */
    long privateCalls() {
        return log.stream().filter(line -> privatePaths.contains(line.split(" ")[1])).count();
    }

    long calls(String path) {
        return log.stream().filter(line -> line.split(" ")[1].equals(path)).count();
    }

    private void dispatch(HttpExchange ex) throws IOException {
        Request request = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery(), read(ex),
                ex.getRequestHeaders(), ex.getRemoteAddress().getAddress().getHostAddress());
        boolean carriesKey = request.quoted().contains(known.key());
        log.add(request.method() + " " + request.path() + (carriesKey ? " [key]" : ""));
        userAgents.add(request.header("User-Agent"));
        Canned everything = canned.get("*");
        if (everything != null) {
            send(ex, everything);
            return;
        }
        Misbehaviour what = misbehaviour.get(request.path());
        if (what != null) {
            misbehave(ex, what);
            return;
        }
        AtomicInteger failing = failures.get(request.path());
        if (failing != null && failing.getAndDecrement() > 0) {
            send(ex, 500, "text/plain", "internal error");
            return;
        }
        if (request.path().equals(publicPath())) {
            answerTime(ex, request);
            return;
        }
        if (!privatePaths().contains(request.path())) {
            send(ex, 404, "text/html", "<html>not found</html>");
            return;
        }
        String code = refusal(request);
        if (code == null && !boundIps.isEmpty() && !boundIps.contains(request.remoteIp())) {
            code = ipRefusal();
        }
        if (code == null && canned.containsKey(request.path())) {
            send(ex, canned.get(request.path()));
            return;
        }
        if (code == null) {
            code = scripted.get(request.path());
        }
        if (code == null) {
            answerSuccess(ex, request);
        } else {
            answerError(ex, request, code, "refused with " + code + (echoRequests ? " for " + request.quoted() : ""));
        }
    }

    private void misbehave(HttpExchange ex, Misbehaviour what) throws IOException {
        switch (what) {
            case HANG -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(ex, 200, "application/json", "{}");
            }
            case ERROR_500 -> send(ex, 500, "text/plain", "internal error");
            case GARBAGE -> send(ex, 200, "text/html", "<html><body>Secret portal: sign in</body></html>");
            case NOT_FOUND -> send(ex, 404, "text/html", "<html>not found</html>");
            case HUGE -> {
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, 0);
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) '[');
                try (OutputStream out = ex.getResponseBody()) {
                    for (int i = 0; i < 50 * 16 && release.getCount() > 0; i++) {
                        out.write(chunk);
                        hugeBytesWritten.addAndGet(chunk.length);
                    }
                } catch (IOException closedByClient) {
                    // expected: the client stops at its cap
                }
            }
        }
    }

    private static void send(HttpExchange ex, Canned answer) throws IOException {
        answer.headers().forEach(ex.getResponseHeaders()::set);
        Loopback.send(ex, answer.status(), "application/json", answer.body());
    }

    /** JSON with a {@code Date} header from this exchange's own clock. */
    void sendJson(HttpExchange ex, int status, Object body) throws IOException {
        ex.getResponseHeaders().set("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(now().atOffset(ZoneOffset.UTC)));
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The exchange's own MAC, written apart from the code under test so a shared mistake cannot pass. */
    static byte[] hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether {@code message} carries a valid signature under {@code registered}: Ed25519, or
     * RSASSA-PKCS1-v1_5 with SHA-256, base64 as the exchanges take it. Written apart from the code
     * under test, which signs; this only verifies, with the public key.
     */
    boolean signedByRegistered(String message, String base64Signature) {
        try {
            String algorithm = "RSA".equals(registered.getAlgorithm()) ? "SHA256withRSA" : "Ed25519";
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(registered);
            verifier.update(message.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(base64Signature));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    static String hex(byte[] mac) {
        return HexFormat.of().formatHex(mac);
    }

    static String base64(byte[] mac) {
        return Base64.getEncoder().encodeToString(mac);
    }

    static long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE / 2;
        }
    }

    @Override
    public void close() {
        release.countDown();
        super.close();
    }
}
