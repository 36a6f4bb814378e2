package io.credwatch.jmx;

import io.credwatch.check.CheckScheduler;
import io.credwatch.check.StatusChange;
import io.credwatch.check.StatusChangeListener;
import io.credwatch.info.AgentControl;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JMX face (SPEC "JMX"): registers {@code io.credwatch:type=Agent} and one
 * {@code io.credwatch:type=Check,name=<id>} MXBean per check of one scheduler, and turns
 * that scheduler's status changes into notifications. One exporter serves one scheduler:
 * on a configuration reload the old one is closed and a new one registered.
 */
public final class JmxExporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JmxExporter.class);

    private final MBeanServer server;
    private final CheckScheduler scheduler;
    private final AgentControl control;
    private final Clock clock;
    private final List<ObjectName> registered = new ArrayList<>();
    /** Read on scheduler threads; replaced, never mutated, so they see a whole map or none. */
    private volatile Map<String, CheckBean> checks = Map.of();
    private final StatusChangeListener listener = this::onStatusChange;
    private boolean used;

    public JmxExporter(MBeanServer server, CheckScheduler scheduler, AgentControl control, Clock clock) {
        this.server = server;
        this.scheduler = scheduler;
        this.control = control;
        this.clock = clock;
    }

    /**
     * Registers the Agent MBean and one MXBean per check id, then subscribes to status changes.
     * All or nothing: if one name is taken, whatever was registered is removed again.
     */
    public synchronized void register() throws JMException {
        if (used) {
            throw new IllegalStateException("an exporter registers once; build a new one after close()");
        }
        used = true;
        Map<String, CheckBean> beans = new LinkedHashMap<>();
        try {
            ObjectName agent = MBeanNames.agent();
            add(agent, new DescribedMBean(new AgentBean(scheduler, control, clock), AgentMXBean.class,
                    AgentBean.DESCRIPTIONS));
            for (String id : scheduler.ids()) {
                ObjectName name = MBeanNames.check(id);
                CheckBean bean = new CheckBean(id, name, scheduler, clock);
                add(name, new DescribedEmitterMBean(bean, CheckMXBean.class, bean, CheckBean.DESCRIPTIONS));
                beans.put(id, bean);
            }
        } catch (JMException | RuntimeException e) {
            unregisterAll();
            throw e;
        }
        checks = Map.copyOf(beans);
        scheduler.addListener(listener);
    }

    private void add(ObjectName name, Object mbean) throws JMException {
        registered.add(server.registerMBean(mbean, name).getObjectName());
    }

    private void onStatusChange(StatusChange change) {
        CheckBean bean = checks.get(change.current().id());
        if (bean != null) {
            bean.statusChanged(change);
        }
    }

    /** Unregisters everything this exporter registered. Idempotent; never throws. */
    @Override
    public synchronized void close() {
        used = true;
        scheduler.removeListener(listener);
        checks = Map.of();
        unregisterAll();
    }

    private void unregisterAll() {
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (InstanceNotFoundException gone) {
                // someone else removed it already: the goal is met
            } catch (JMException | RuntimeException e) {
                LOG.warn("could not unregister {}: {}", name, e.getClass().getName());
            }
        }
        registered.clear();
    }
}
