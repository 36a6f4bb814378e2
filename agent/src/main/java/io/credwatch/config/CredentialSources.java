package io.credwatch.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Where an exchange account's key comes from. Only names and paths live here.
 *
 * @param order the source keys ({@link #ENV}, {@link #ENV_FILE}, {@link #SYSTEMD_CREDENTIAL},
 *              {@link #SECRETS_MANAGER}) in the order they are tried: the order the operator wrote
 *              them under {@code credentials:}, then any not written, in the standard order. Taken
 *              from the YAML's key order by {@link ConfigLoader}, never from a key of its own.
 */
public record CredentialSources(List<List<String>> env, String envFile, String systemdCredential,
                                String secretsManager, @Derived List<String> order) {

    public static final String ENV = "env";
    public static final String ENV_FILE = "envFile";
    public static final String SYSTEMD_CREDENTIAL = "systemdCredential";
    public static final String SECRETS_MANAGER = "secretsManager";
    /** Cheapest and most local first, the network last. */
    public static final List<String> STANDARD_ORDER = List.of(ENV, ENV_FILE, SYSTEMD_CREDENTIAL, SECRETS_MANAGER);

    public CredentialSources {
        env = env == null ? List.of() : env.stream().map(List::copyOf).toList();
        envFile = envFile == null ? "" : envFile;
        systemdCredential = systemdCredential == null ? "" : systemdCredential;
        secretsManager = secretsManager == null ? "" : secretsManager;
        order = complete(order);
    }

    public CredentialSources(List<List<String>> env, String envFile, String systemdCredential, String secretsManager) {
        this(env, envFile, systemdCredential, secretsManager, STANDARD_ORDER);
    }

    public boolean isEmpty() {
        return env.isEmpty() && envFile.isBlank() && systemdCredential.isBlank() && secretsManager.isBlank();
    }

    /** The same sources, tried in {@code written} order (unknown keys are ignored, missing ones appended). */
    public CredentialSources inOrder(List<String> written) {
        return new CredentialSources(env, envFile, systemdCredential, secretsManager, written);
    }

    private static List<String> complete(List<String> written) {
        List<String> out = new ArrayList<>();
        for (String key : written == null ? List.<String>of() : written) {
            if (STANDARD_ORDER.contains(key) && !out.contains(key)) {
                out.add(key);
            }
        }
        for (String key : STANDARD_ORDER) {
            if (!out.contains(key)) {
                out.add(key);
            }
        }
        return List.copyOf(out);
    }
}
