package io.credwatch.config;

import java.util.List;

/**
 * Where an exchange account's key comes from, tried in this order: env var groups, an env
 * file, a systemd credential, a Secrets Manager secret. Only names and paths live here.
 */
public record CredentialSources(List<List<String>> env, String envFile, String systemdCredential,
                                String secretsManager) {
    public CredentialSources {
        env = env == null ? List.of() : env.stream().map(List::copyOf).toList();
        envFile = envFile == null ? "" : envFile;
        systemdCredential = systemdCredential == null ? "" : systemdCredential;
        secretsManager = secretsManager == null ? "" : secretsManager;
    }

    public boolean isEmpty() {
        return env.isEmpty() && envFile.isBlank() && systemdCredential.isBlank() && secretsManager.isBlank();
    }
}
