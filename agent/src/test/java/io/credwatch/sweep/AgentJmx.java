package io.credwatch.sweep;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.AttributeChangeNotification;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationBroadcaster;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The agent's MBeans as JConsole sees them when it picks the credwatch process from its list:
 * through the attach API, which starts the JVM's local management agent (loopback only, no
 * remote port, nothing to configure) and hands over its connector address.
 */
final class AgentJmx implements AutoCloseable {

    private final JMXConnector connector;
    private final MBeanServerConnection server;
    /** Every notification received, as text: its message, type, source and old and new values. */
    final List<String> notifications = new CopyOnWriteArrayList<>();

    private AgentJmx(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    static AgentJmx attach(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        return new AgentJmx(JMXConnectorFactory.connect(new JMXServiceURL(address)));
    }

    Set<ObjectName> names() throws Exception {
        return new TreeSet<>(server.queryNames(new ObjectName("io.credwatch:*"), null));
    }

    /** Listens to every credwatch MBean that sends notifications. */
    void listen() throws Exception {
        for (ObjectName name : names()) {
            if (server.isInstanceOf(name, NotificationBroadcaster.class.getName())) {
                server.addNotificationListener(name, (n, handback) -> notifications.add(describe(n)), null, null);
            }
        }
    }

    private static String describe(Notification n) {
        String text = n.getType() + " " + n.getSource() + " " + n.getMessage() + " " + n.getUserData();
        if (n instanceof AttributeChangeNotification change) {
            text += " " + change.getAttributeName() + " " + change.getOldValue() + " -> " + change.getNewValue();
        }
        return text;
    }

    /** Each MBean's descriptions and every attribute's value, as a client would display them. */
    String readEverything() throws Exception {
        StringBuilder out = new StringBuilder();
        for (ObjectName name : names()) {
            MBeanInfo info = server.getMBeanInfo(name);
            out.append(name).append(": ").append(info.getDescription()).append('\n');
            for (MBeanAttributeInfo a : info.getAttributes()) {
                out.append("  ").append(a.getName()).append(" (").append(a.getDescription()).append(") = ");
                try {
                    out.append(server.getAttribute(name, a.getName()));
                } catch (Exception e) {
                    out.append(e.getClass().getName()).append(": ").append(e.getMessage());
                }
                out.append('\n');
            }
            for (MBeanOperationInfo o : info.getOperations()) {
                out.append("  ").append(o.getName()).append("() ").append(o.getDescription()).append('\n');
            }
            for (MBeanNotificationInfo n : info.getNotifications()) {
                out.append("  notifies ").append(String.join(",", n.getNotifTypes())).append(' ')
                        .append(n.getDescription()).append('\n');
            }
        }
        return out.toString();
    }

    /** Invokes a no-argument operation and returns what it answered, or how it failed. */
    String invoke(ObjectName name, String operation) {
        try {
            return String.valueOf(server.invoke(name, operation, new Object[0], new String[0]));
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    Object attribute(ObjectName name, String attribute) throws Exception {
        return server.getAttribute(name, attribute);
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
