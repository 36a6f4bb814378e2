package io.credwatch.sweep;

import io.credwatch.testing.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Requests to the agent's HTTP API, each answer (status line, every header, body) kept in
 * {@link Emitted} under the request that got it. Well-formed requests go through the JDK
 * client, which undoes chunking so a body is searched as one text; requests no such client
 * sends (a foreign Host, a bad request line) are written on a socket as they are.
 */
final class ApiCalls {

    record Answer(int status, String headers, String body) {
    }

    private final URI base;
    private final Emitted emitted;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiCalls(URI base, Emitted emitted) {
        this.base = base;
        this.emitted = emitted;
    }

    Answer get(String path, String... headers) throws Exception {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), headers);
    }

    Answer post(String path, String body, String... headers) throws Exception {
        return send("POST", path, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body), headers);
    }

    Answer send(String method, String path, HttpRequest.BodyPublisher body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body);
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        StringBuilder head = new StringBuilder();
        r.headers().map().forEach((name, values) -> values.forEach(v -> head.append(name).append(": ").append(v)
                .append('\n')));
        Answer answer = new Answer(r.statusCode(), head.toString(), r.body());
        emitted.add("HTTP " + method + " " + path + " " + String.join(" ", headers).replaceAll("Bearer \\S+",
                "Bearer …"), r.statusCode() + "\n" + answer.headers() + "\n" + answer.body());
        return answer;
    }

    /** Writes {@code request} as is; the whole answer, raw, is kept. */
    String raw(String label, String request) throws IOException {
        String text = RawHttp.exchange(base.getHost(), base.getPort(), request.getBytes(StandardCharsets.ISO_8859_1));
        emitted.add("HTTP raw " + label, text);
        return text;
    }
}
