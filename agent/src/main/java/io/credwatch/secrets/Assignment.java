package io.credwatch.secrets;

/**
 * A name given a value in a file: a variable, an environment entry, a config key.
 * {@code where} places it for the reader of a finding (" of container 'bot'"), or is empty.
 */
record Assignment(String name, String value, int line, String where) {
}
