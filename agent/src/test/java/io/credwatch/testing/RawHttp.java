package io.credwatch.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Bytes written on a socket as they are, for requests no HTTP client would send, and everything that comes back. */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * Writes {@code request} on a new connection and returns everything the server sends back,
     * as ISO-8859-1 (one char per byte). A server may answer and close before a large request
     * is written: the write then fails, and the answer already sent is what counts.
     */
    public static String exchange(String host, int port, byte[] request) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException answeredEarly) {
                // the answer, if any, is read below
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (IOException resetAfterTheAnswer) {
                // a reset for the part of the request the server did not read
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
