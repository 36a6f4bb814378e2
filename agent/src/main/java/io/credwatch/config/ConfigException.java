package io.credwatch.config;

/**
 * A configuration that cannot be used. The message is one line, the field path first, so
 * that an operator reading the journal knows exactly what to edit.
 */
public final class ConfigException extends Exception {

    private final String path;

    public ConfigException(String path, String problem) {
        super(path == null || path.isEmpty() ? problem : path + ": " + problem, null, false, false);
        this.path = path == null ? "" : path;
    }

    public String path() {
        return path;
    }
}
