package io.credwatch.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The daemon's SLF4J provider: logback's logger context, configured by {@link LogSetup}
 * directly. logback's own provider gets there too, but only after its auto-configuration: a
 * version check that opens two properties files in the 28 000-entry jar, a service scan for
 * configurators, timing and status printing; about 60 ms of a start that has half a second.
 * Main names this class in {@code slf4j.provider}; without that (tests, embedding) SLF4J finds
 * logback's provider, which finds {@link LogSetup} as its configurator, with the same result.
 */
public final class LogProvider implements SLF4JServiceProvider {

    private final LoggerContext context = new LoggerContext();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final LogbackMDCAdapter mdc = new LogbackMDCAdapter();

    @Override
    public void initialize() {
        context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
        context.setMDCAdapter(mdc);
        LogSetup setup = new LogSetup();
        setup.setContext(context);
        setup.configure(context);
        context.start();
        // What logback's provider does too: a broken appender is said once, on stderr.
        if (new StatusUtil(context).getHighestLevel(0) >= Status.WARN) {
            StatusPrinter.printInCaseOfErrorsOrWarnings(context);
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return context;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return LogbackServiceProvider.REQUESTED_API_VERSION;
    }
}
