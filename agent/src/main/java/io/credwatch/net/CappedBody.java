package io.credwatch.net;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body kept to at most {@code limit} bytes: past them the download is cancelled,
 * so a service that answers with a page, an endless stream or 50 MB costs the limit, not
 * the heap.
 */
public final class CappedBody implements HttpResponse.BodySubscriber<CappedBody.Bytes> {

    /** What was kept, and whether the answer went on past the limit. */
    public record Bytes(byte[] bytes, boolean truncated) {
    }

    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<Bytes> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    public CappedBody(int limit) {
        this.limit = limit;
    }

    public static HttpResponse.BodyHandler<Bytes> handler(int limit) {
        return info -> new CappedBody(limit);
    }

    @Override
    public CompletionStage<Bytes> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            int n = b.remaining();
            if (kept.size() + n > limit) {
                subscription.cancel();
                result.complete(new Bytes(kept.toByteArray(), true));
                return;
            }
            byte[] chunk = new byte[n];
            b.get(chunk);
            kept.write(chunk, 0, n);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(new Bytes(kept.toByteArray(), false));
    }
}
