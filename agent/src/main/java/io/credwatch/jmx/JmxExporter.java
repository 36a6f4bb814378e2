package io.credwatch.jmx;

import io.credwatch.check.CheckResults;
import io.credwatch.check.CheckRuns;
import io.credwatch.check.RunCooldown;
import io.credwatch.check.StatusChange;
import io.credwatch.check.StatusChangeListener;
import io.credwatch.info.AgentControl;
import io.credwatch.info.ReloadOutcome;
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
 * {@code io.credwatch:type=Check,kind=<kind>,name=<name>} MXBean per check, and turns the
 * reported status changes, overall status changes and reloads into notifications. A reload keeps every bean whose check stays, so JConsole's tree
 * and its notification subscriptions survive it; only added and removed checks come and go.
 */
public final class JmxExporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JmxExporter.class);

    private final MBeanServer server;
    private final CheckResults results;
    private final CheckRuns runs;
    private final RunCooldown cooldown;
    private final AgentControl control;
    private final Clock clock;
    private final List<ObjectName> registered = new ArrayList<>();
    /** Read on the checks' threads; replaced, never mutated, so they see a whole map or none. */
    private volatile Map<String, CheckBean> checks = Map.of();
    /** Set once by register(); null before and after close(). */
    private volatile AgentBean agent;
    private final StatusChangeListener listener = new StatusChangeListener() {
        @Override
        public void onStatusChange(StatusChange change) {
            CheckBean bean = checks.get(change.current().id());
            if (bean != null) {
                bean.statusChanged(change);
            }
            rollUp();
        }

        @Override
        public void onChecksReplaced(List<String> ids) {
            replaced(ids);
        }
    };
    private boolean used;
    private boolean closed;

    /**
     * @param cooldown spaces {@code runNow()} calls per check, as HTTP's spaces
     *                 {@code POST /checks/{id}/run}
     */
    public JmxExporter(MBeanServer server, CheckResults results, CheckRuns runs, RunCooldown cooldown,
                       AgentControl control, Clock clock) {
        this.server = server;
        this.results = results;
        this.runs = runs;
        this.cooldown = cooldown;
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
            ObjectName agentName = MBeanNames.agent();
            AgentBean bean = new AgentBean(agentName, results, control, clock);
            add(agentName, new DescribedEmitterMBean(bean, AgentMXBean.class, bean, AgentBean.DESCRIPTIONS));
            agent = bean;
            for (String id : results.ids()) {
                beans.put(id, addCheck(id));
            }
        } catch (JMException | RuntimeException e) {
            agent = null;
            unregisterAll();
            throw e;
        }
        checks = Map.copyOf(beans);
        results.addListener(listener);
    }

    private CheckBean addCheck(String id) throws JMException {
        ObjectName name = MBeanNames.check(id);
        CheckBean bean = new CheckBean(id, name, results, runs, cooldown, clock);
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
        rollUp();
    }

    /**
     * A reload (SIGHUP or {@code reloadConfig()}) ended: the Agent bean keeps it as attributes
     * and announces it. Applied or refused, no bean is re-registered.
     */
    public void reloaded(ReloadOutcome outcome) {
        AgentBean bean = agent;
        if (bean != null) {
            bean.reloaded(outcome);
        }
    }

    private void rollUp() {
        AgentBean bean = agent;
        if (bean != null) {
            bean.rollUp();
        }
    }

    /** Unregisters everything this exporter registered. Idempotent; never throws. */
    @Override
    public synchronized void close() {
        used = true;
        closed = true;
        results.removeListener(listener);
        checks = Map.of();
        agent = null;
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
