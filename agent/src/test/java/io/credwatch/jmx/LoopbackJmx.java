package io.credwatch.jmx;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;

/**
 * A real RMI connector server in front of {@code server}, on loopback only, and a client
 * connected to it: what JConsole or jmxterm would see, serialization included.
 */
public final class LoopbackJmx implements AutoCloseable {

    private final JMXConnectorServer connectorServer;
    private final JMXConnector connector;

    public LoopbackJmx(MBeanServer server) throws IOException {
        // The stub RMI hands the client names this host as java.rmi.server.hostname or the
        // machine's own address would; both sockets are pinned to loopback instead, so the
        // test neither listens on, nor depends on, any other interface.
        LoopbackSockets sockets = new LoopbackSockets();
        Map<String, Object> env = Map.of(
                RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets,
                RMIConnectorServer.RMI_CLIENT_SOCKET_FACTORY_ATTRIBUTE, sockets);
        connectorServer = JMXConnectorServerFactory.newJMXConnectorServer(
                new JMXServiceURL("service:jmx:rmi://127.0.0.1:0"), env, server);
        connectorServer.start();
        connector = JMXConnectorFactory.connect(connectorServer.getAddress());
    }

    public MBeanServerConnection connection() throws IOException {
        return connector.getMBeanServerConnection();
    }

    @Override
    public void close() throws IOException {
        try {
            connector.close();
        } finally {
            connectorServer.stop();
        }
    }

    /** RMI compares socket factories with equals to share connections: a record gives it that. */
    record LoopbackSockets() implements RMIServerSocketFactory, RMIClientSocketFactory, Serializable {

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 0, InetAddress.getLoopbackAddress());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return new Socket(InetAddress.getLoopbackAddress(), port);
        }
    }
}
