package io.credwatch.testing;

import java.util.concurrent.atomic.AtomicReference;

/** An echo service like checkip.amazonaws.com on 127.0.0.1: answers the IP it is told to, with a newline. */
public final class IpEcho extends Loopback {

    public final AtomicReference<String> ip;

    public IpEcho(String ip) {
        this.ip = new AtomicReference<>(ip);
        server.createContext("/", ex -> send(ex, 200, "text/plain", this.ip.get() + "\n"));
        start();
    }
}
