package io.credwatch.config;

import io.credwatch.net.IpAddresses;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.UnsupportedAddressTypeException;
import java.util.Optional;

/**
 * Whether the HTTP API can listen on {@code http.bind}: one address of this host, asked the
 * way the daemon will use it. Rather than looking for the address among the interfaces
 * ({@code NetworkInterface} lists 127.0.0.1 but not the rest of 127/8, which Linux serves
 * too), it is bound, on a port the system picks, and let go at once: the answer is the
 * kernel's and the JVM's own, including a JVM started IPv4-only, which cannot listen on any
 * IPv6 address. Whether the configured port is free is the start's business, not this one's:
 * another credwatch about to stop may still hold it.
 */
final class BindAddress {

    private BindAddress() {
    }

    static Optional<String> problem(String bind) {
        if ("localhost".equals(bind)) {
            return Optional.empty();
        }
        Optional<InetAddress> parsed = IpAddresses.parse(bind);
        if (parsed.isEmpty()) {
            return Optional.of("'" + bind + "' is not an IP address; use 127.0.0.1 (the default) or another local "
                    + "address");
        }
        InetAddress address = parsed.get();
        if (address.isAnyLocalAddress()) {
            // Every interface, the public one too, for an API whose reads need no token: the
            // HTTP face listens on one address by design (HttpSettings).
            return Optional.of("'" + bind + "' means every interface, the public ones too; credwatch listens on one "
                    + "address: 127.0.0.1 (the default) or one address of this host");
        }
        try (ServerSocketChannel channel = ServerSocketChannel.open()) {
            channel.bind(new InetSocketAddress(address, 0));
            return Optional.empty();
        } catch (UnsupportedAddressTypeException e) {
            return Optional.of("'" + bind + "' is an IPv6 address and this JVM runs IPv4 only"
                    + (address instanceof Inet6Address && Boolean.getBoolean("java.net.preferIPv4Stack")
                    ? " (-Djava.net.preferIPv4Stack=true, in jvm.options)" : "")
                    + "; use 127.0.0.1 (the default) or an IPv4 address of this host");
        } catch (BindException e) {
            // With port 0 the port cannot be what is refused: the address is not this host's.
            return Optional.of("'" + bind + "' is not an address of this host (" + e.getMessage()
                    + "); use 127.0.0.1 (the default) or an address one of its interfaces has");
        } catch (IOException e) {
            // Cannot tell (no socket left, say): the start will bind for real and say why it cannot.
            return Optional.empty();
        }
    }
}
