package io.credwatch.http;

import io.credwatch.net.IpAddresses;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses requests whose {@code Host} is a name this API was not reached by: the DNS
 * rebinding guard. A web page on {@code evil.example} whose name is re-pointed at 127.0.0.1
 * can make a browser on this host send requests to the API, but the browser still says
 * {@code Host: evil.example}; answering them would hand the page every result. Listening on
 * loopback, only {@code localhost} and loopback addresses are accepted; on another address,
 * any IP literal (a literal cannot be re-pointed), {@code localhost} and the machine's own
 * host name. A request without {@code Host} (HTTP/1.0, which no browser sends) passes;
 * HTTP/1.1 without it is refused by Jetty already. The answer is 421 Misdirected Request
 * and never repeats the Host it got; refusals are counted in {@link ClientMistakes}.
 */
final class HostGuard extends Handler.Wrapper {

    static final int MISDIRECTED = 421;
    static final String REASON = "misdirected request: this API answers only to Host localhost or this host's "
            + "address (a guard against DNS rebinding)";

    private final boolean loopbackOnly;
    private final Optional<String> ownName;
    private final ClientMistakes mistakes;

    HostGuard(String bind, ClientMistakes mistakes, Handler handler) {
        super(handler);
        this.mistakes = mistakes;
        this.loopbackOnly = "localhost".equalsIgnoreCase(bind)
                || IpAddresses.parse(bind).map(InetAddress::isLoopbackAddress).orElse(false);
        this.ownName = loopbackOnly ? Optional.empty() : ownHostName();
    }

    private static Optional<String> ownHostName() {
        try {
            return Optional.of(InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null || accepts(hostOnly(host))) {
            return super.handle(request, response, callback);
        }
        mistakes.report(ClientMistake.FOREIGN_HOST);
        JsonErrorHandler.send(request, response, callback, new ApiError(MISDIRECTED, REASON));
        return true;
    }

    boolean accepts(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.equals("localhost.")) {
            return true;
        }
        Optional<InetAddress> literal = IpAddresses.parse(name);
        if (literal.isPresent()) {
            return !loopbackOnly || literal.get().isLoopbackAddress();
        }
        return !loopbackOnly && ownName.isPresent() && ownName.get().equals(name);
    }

    /** {@code [::1]:9797} → {@code ::1}; {@code localhost:9797} → {@code localhost}. */
    static String hostOnly(String authority) {
        String a = authority.trim();
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            return end < 0 ? a : a.substring(1, end);
        }
        int colon = a.indexOf(':');
        // One colon: a port. More: a bare IPv6 literal, which Host should bracket but may not.
        return colon >= 0 && a.indexOf(':', colon + 1) < 0 ? a.substring(0, colon) : a;
    }
}
