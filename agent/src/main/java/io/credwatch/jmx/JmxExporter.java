package io.credwatch.jmx;

import io.credwatch.check.CheckResults;
import io.credwatch.check.CheckRuns;
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
 * The JMX face (contract "JMX"): registers {@code io.credwatch:type=Agent} and one
 * {@code io.credwatch:type=Check,name=<id>} MXBean per check, and turns the reported status
 * changes into notifications. A reload keeps every bean whose check stays, so JConsole's tree
 * and its notification subscriptions survive it; only added and removed checks come and go.
 */
public final class JmxExporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JmxExporter.class);

    private final MBeanServer server;
    private final CheckResults results;
    private final CheckRuns runs;
    private final AgentControl control;
    private final Clock clock;
    private final List<ObjectName> registered = new ArrayList<>();
    /** Read on the checks' threads; replaced, never mutated, so they see a whole map or none. */
    private volatile Map<String, CheckBean> checks = Map.of();
    private final StatusChangeListener listener = new StatusChangeListener() {
        @Override
        public void onStatusChange(StatusChange change) {
            CheckBean bean = checks.get(change.current().id());
            if (bean != null) {
                bean.statusChanged(change);
            }
        }

        @Override
        public void onChecksReplaced(List<String> ids) {
            replaced(ids);
        }
    };
    private boolean used;
    private boolean closed;

    public JmxExporter(MBeanServer server, CheckResults results, CheckRuns runs, AgentControl control, Clock clock) {
        this.server = server;
        this.results = results;
        this.runs = runs;
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
            add(agent, new DescribedMBean(new AgentBean(results, control, clock), AgentMXBean.class,
                    AgentBean.DESCRIPTIONS));
            for (String id : results.ids()) {
                beans.put(id, addCheck(id));
            }
        } catch (JMException | RuntimeException e) {
            unregisterAll();
            throw e;
        }
        checks = Map.copyOf(beans);
        results.addListener(listener);
    }

    private CheckBean addCheck(String id) throws JMException {
        ObjectName name = MBeanNames.check(id);
        CheckBean bean = new CheckBean(id, name, results, runs, clock);
        add(name, new DescribedEmitterMBean(bean, CheckMXBean.class, bean, CheckBean.DESCRIPTIONS));
        return bean;
    }

    private void add(ObjectName name, Object mbean) throws JMException {
        registered.add(server.registerMBean(mbean, name).getObjectName());
    }

    /** A reload: beans of checks that stay are kept as they are; new checks get one, removed ones lose theirs. */
    private synchronized void replaced(List<String> ids) {
        if (closed) {
            return;
        }
        Map<String, CheckBean> next = new LinkedHashMap<>();
        for (String id : ids) {
            CheckBean kept = checks.get(id);
            if (kept != null) {
                next.put(id, kept);
                continue;
            }
            try {
                next.put(id, addCheck(id));
            } catch (JMException | RuntimeException e) {
                LOG.warn("could not register the MBean of check {}: {}", id, e.getClass().getName());
            }
        }
        for (String id : checks.keySet()) {
            if (!next.containsKey(id)) {
                ObjectName name = checks.get(id).objectName();
                unregister(name);
                registered.remove(name);
            }
        }
        checks = Map.copyOf(next);
    }

    /** Unregisters everything this exporter registered. Idempotent; never throws. */
    @Override
    public synchronized void close() {
        used = true;
        closed = true;
        results.removeListener(listener);
        checks = Map.of();
        unregisterAll();
    }

    private void unregisterAll() {
        registered.forEach(this::unregister);
        registered.clear();
    }

    private void unregister(ObjectName name) {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException gone) {
            // someone else removed it already: the goal is met
        } catch (JMException | RuntimeException e) {
            LOG.warn("could not unregister {}: {}", name, e.getClass().getName());
        }
    }
}
