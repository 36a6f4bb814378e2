package io.credwatch.systemd;

import io.credwatch.check.Check;
import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckResult;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** A check that answers whatever the test set last. */
final class SettableCheck implements Check {

    private final String id;
    final AtomicReference<CheckResult> answer = new AtomicReference<>(CheckResult.ok("fine"));

    SettableCheck(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return id.contains(":") ? id.substring(0, id.indexOf(':')) : id;
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public CheckResult run(CheckContext context) {
        return answer.get();
    }
}
