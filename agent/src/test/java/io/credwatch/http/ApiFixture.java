package io.credwatch.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.check.Check;
import io.credwatch.check.CheckReport;
import io.credwatch.check.Jitter;
import io.credwatch.check.RunCooldown;
import io.credwatch.info.AgentInfo;
import io.credwatch.testing.CheckCore;
import io.credwatch.testing.MutableClock;
import io.credwatch.testing.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A real HttpApi on 127.0.0.1, an ephemeral port, driven by a real scheduler, and a client for it. */
final class ApiFixture implements AutoCloseable {

    static final ObjectMapper JSON = JsonMapper.create();

    static {
        // The module has no logback-test.xml yet, and logback's default is DEBUG for everything.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.INFO);
    }

    final MutableClock clock = new MutableClock(Instant.parse("2030-01-02T03:04:05Z"));
    final CheckCore scheduler;
    final HttpApi api;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiFixture(Builder b) throws Exception {
        scheduler = new CheckCore(b.checks, clock, Jitter.none(), 2, 50);
        HttpSettings settings = new HttpSettings("127.0.0.1", 0, b.token, new RunCooldown(clock, b.cooldown));
        api = new HttpApi(settings, scheduler.store, scheduler.runner, new Views(b.egress, b.fingerprints, Optional.ofNullable(b.whoami)), clock);
        api.start();
    }

    static Builder with(Check... checks) {
        Builder b = new Builder();
        b.checks.addAll(List.of(checks));
        return b;
    }

    CheckReport run(String id) throws Exception {
        return scheduler.runNow(id).get(10, TimeUnit.SECONDS);
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET().build());
    }

    HttpResponse<String> post(String path, String... headers) throws Exception {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    }

    URI uri(String path) {
        return api.uri().resolve(path);
    }

    /** Writes {@code raw} as is on a new connection and returns everything the server sends back. */
    String raw(String raw) throws IOException {
        return raw(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes {@code raw} on a new connection; see {@link RawHttp#exchange}. */
    String raw(byte[] raw) throws IOException {
        return RawHttp.exchange(api.uri().getHost(), api.uri().getPort(), raw);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    @Override
    public void close() {
        api.close();
        scheduler.close();
    }

    static final class Builder {
        private final List<Check> checks = new ArrayList<>();
        private Supplier<Optional<String>> token = Optional::empty;
        private Duration cooldown = Duration.ZERO;
        private Supplier<?> egress = () -> Map.of("ip", "203.0.113.7");
        private Supplier<AgentInfo> whoami;
        private Supplier<?> fingerprints = () -> List.of(Map.of("credential", "bybit-main", "state", "OK"));

        Builder token(String token) {
            return tokenSupplier(() -> Optional.of(token));
        }

        Builder tokenSupplier(Supplier<Optional<String>> token) {
            this.token = token;
            return this;
        }

        Builder cooldown(Duration cooldown) {
            this.cooldown = cooldown;
            return this;
        }

        Builder egress(Supplier<?> egress) {
            this.egress = egress;
            return this;
        }

        Builder fingerprints(Supplier<?> fingerprints) {
            this.fingerprints = fingerprints;
            return this;
        }

        Builder whoami(Supplier<AgentInfo> whoami) {
            this.whoami = whoami;
            return this;
        }

        ApiFixture start() throws Exception {
            return new ApiFixture(this);
        }
    }
}
