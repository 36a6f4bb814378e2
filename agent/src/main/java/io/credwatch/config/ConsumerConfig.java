package io.credwatch.config;

import java.util.List;

/**
 * A process that signs with an exchange account's key, so that a rotated key it has not loaded
 * yet can be named: a systemd service (its main process) or the process a pid file names.
 * Exactly one of the two is set.
 *
 * @param unit    a systemd service, {@code mm-bot.service}; {@code mm-bot} means the same, as it does
 *                to {@code systemctl}; empty when {@code pidFile} is set
 * @param pidFile the absolute path of a file holding the process's PID; empty when {@code unit} is set
 */
public record ConsumerConfig(String unit, String pidFile) {

    public static final String SERVICE_SUFFIX = ".service";
    /**
     * Unit types that are not services (systemd.unit(5)): none has a main process of its own, so
     * none can be a consumer.
     */
    static final List<String> OTHER_UNIT_TYPES = List.of(".socket", ".device", ".mount", ".automount", ".swap",
            ".target", ".path", ".timer", ".slice", ".scope");

    public ConsumerConfig {
        unit = unit == null ? "" : unit.strip();
        pidFile = pidFile == null ? "" : pidFile.strip();
    }

    public boolean isUnit() {
        return !unit.isEmpty();
    }

    /** The service as systemd names it: a name without a unit type gets {@code .service}, as systemctl adds it. */
    public String service() {
        return unit.endsWith(SERVICE_SUFFIX) ? unit : unit + SERVICE_SUFFIX;
    }

    /** How results and remediations name it: the service, or the pid file. */
    public String label() {
        return isUnit() ? service() : "pid file " + pidFile;
    }
}
