package io.credwatch.info;

/** What an operator may ask of the whole agent from a face (JMX, HTTP). */
public interface AgentControl {

    AgentInfo info();

    /** Runs every check now; returns a one-line summary once they are done. */
    String runAllChecks();

    /**
     * Re-reads the configuration. A bad one is refused, the old one keeps running, and the
     * returned line says why.
     */
    String reloadConfig();
}
