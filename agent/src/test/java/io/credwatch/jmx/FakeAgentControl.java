package io.credwatch.jmx;

import io.credwatch.info.AgentControl;
import io.credwatch.info.AgentInfo;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Canned identity and answers, counting the calls a face makes. */
final class FakeAgentControl implements AgentControl {

    static final String RUN_ALL_ANSWER = "ran 2 checks: worst CRITICAL";
    static final String RELOAD_ANSWER = "configuration reloaded: 2 checks";

    private final AgentInfo info;
    final AtomicInteger runAllCalls = new AtomicInteger();
    final AtomicInteger reloadCalls = new AtomicInteger();

    FakeAgentControl(Instant startedAt) {
        this.info = new AgentInfo(4242, "host-a", "soak", "AWS", "1.2.3", "2025-02-01T00:00:00Z",
                "/etc/credwatch/credwatch.yaml", startedAt, List.of("env"));
    }

    @Override
    public AgentInfo info() {
        return info;
    }

    @Override
    public String runAllChecks() {
        runAllCalls.incrementAndGet();
        return RUN_ALL_ANSWER;
    }

    @Override
    public String reloadConfig() {
        reloadCalls.incrementAndGet();
        return RELOAD_ANSWER;
    }
}
