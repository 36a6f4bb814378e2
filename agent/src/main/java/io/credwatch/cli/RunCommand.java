package io.credwatch.cli;

import io.credwatch.Agent;
import io.credwatch.config.LoadedConfig;
import io.credwatch.config.LoggingConfig;
import io.credwatch.http.HttpApi;
import io.credwatch.logging.LogSetup;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code credwatch run}: the daemon from start to stop. It reads the configuration while a second
 * thread loads what comes next, starts the agent, and waits for a signal to stop.
 */
final class RunCommand {

    private final AgentSetup setup;

    RunCommand(AgentSetup setup) {
        this.setup = setup;
    }

    int run(Arguments arguments) {
        CountDownLatch logging = preload();
        Optional<LoadedConfig> loaded = setup.load(arguments);
        if (loaded.isEmpty()) {
            return ExitCodes.CONFIG;
        }
        // No logger on this thread before logging is set up. SLF4J hands a thread that asks while
        // another is still setting up a stand-in logger, and a stand-in made in the last moments of
        // that set-up logs nowhere, ever: the Agent's own lines went missing that way (in CI, twice).
        try {
            logging.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.SOFTWARE;
        }
        LogSetup.bridgeJul();
        LoggingConfig settings = loaded.get().config().logging();
        LogSetup.apply(settings.level(), settings.levels(), settings.json());
        Optional<Agent> built = setup.daemon(loaded.get(), arguments);
        if (built.isEmpty()) {
            return ExitCodes.CONFIG;
        }
        Agent agent = built.get();
        CountDownLatch stop = new CountDownLatch(1);
        handleSignals(agent, stop);
        try {
            agent.start();
        } catch (Exception e) {
            StartFailure failure = StartFailure.of(e, loaded.get().config());
            log().error("cannot start: {}", failure.description());
            agent.close();
            return failure.exitCode();
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log().info("stopping");
        agent.close();
        return ExitCodes.OK;
    }

    /**
     * While one core reads the configuration, the second builds what comes next: logging, the
     * HTTP server's classes, then the platform MBean server, which the JMX exporter needs; each
     * is a visible part of the start (docs/performance.md).
     *
     * @return counted down once logging is set up
     */
    private static CountDownLatch preload() {
        CountDownLatch logging = new CountDownLatch(1);
        Thread preload = new Thread(() -> {
            try {
                LoggerFactory.getILoggerFactory();
            } finally {
                logging.countDown();
            }
            HttpApi.preload();
            ManagementFactory.getPlatformMBeanServer();
        }, "credwatch-preload");
        preload.setDaemon(true);
        preload.start();
        return logging;
    }

    /**
     * Handled here rather than left to the JVM's default, so that SIGTERM is a clean stop with
     * exit 0 and SIGHUP reloads instead of killing the process.
     */
    private static void handleSignals(Agent agent, CountDownLatch stop) {
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Signal.handle(new Signal("HUP"), s -> new Thread(agent::reloadConfig, "credwatch-reload").start());
    }

    /**
     * Asked for at each use, never kept in a static field: this class is loaded before logging is
     * set up, when a logger is the stand-in described in {@link #run}. Named for {@code Main}, as
     * the daemon's own lines always were: the journal reads {@code cli.Main: cannot start: ...}.
     */
    private static Logger log() {
        return LoggerFactory.getLogger(Main.class);
    }
}
