package io.credwatch.config;

import java.time.Duration;
import java.util.List;

/** @param expectedAccount the 12-digit account the credentials must belong to; "" for no comparison */
public record AwsCredentialsCheckConfig(Boolean enabled, Duration interval, Duration timeout, Duration warnBefore,
                                        Duration criticalBefore, Duration maxKeyAge, List<String> services,
                                        String expectedAccount,
                                        Integer raiseAfter, Integer raiseDefinitiveAfter, Integer clearAfter)
        implements FlapCounts {
    public AwsCredentialsCheckConfig {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofMinutes(5) : interval;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        warnBefore = warnBefore == null ? Duration.ofHours(6) : warnBefore;
        criticalBefore = criticalBefore == null ? Duration.ofHours(1) : criticalBefore;
        maxKeyAge = maxKeyAge == null ? Duration.ofDays(90) : maxKeyAge;
        services = services == null ? List.of("secretsmanager", "ec2") : List.copyOf(services);
        expectedAccount = expectedAccount == null ? "" : expectedAccount;
    }

    /** With no expected account and the flap counts left to their defaults. */
    public AwsCredentialsCheckConfig(Boolean enabled, Duration interval, Duration timeout, Duration warnBefore,
                                     Duration criticalBefore, Duration maxKeyAge, List<String> services) {
        this(enabled, interval, timeout, warnBefore, criticalBefore, maxKeyAge, services, null, null, null, null);
    }
}
