package io.credwatch.http;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Serializes a body whole before any of it is sent. Jersey's Jetty container sends the status
 * with the first bytes a body writes (the servlet container held back the first 8 KiB): a body
 * that fails halfway, a getter that throws, would go out as a cut-off 200 that no exception
 * mapper can turn into the JSON 500 any more; and with no length known beforehand, every answer
 * would be chunked. Written whole, it goes out with a {@code Content-Length}. The API's bodies
 * are a few KiB at most.
 */
final class WholeBodies implements WriterInterceptor {

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        OutputStream container = context.getOutputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
        context.setOutputStream(body);
        context.proceed();
        context.getHeaders().putSingle(HttpHeaders.CONTENT_LENGTH, body.size());
        body.writeTo(container);
        // Jersey closes the stream left here, which is what completes the answer.
        context.setOutputStream(container);
    }
}
