package io.credwatch.credential;

import io.credwatch.config.CredentialSources;
import io.credwatch.config.Environment;
import io.credwatch.config.ExchangeAccountConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds each exchange account's sources from its configuration, in the order the operator
 * wrote them under {@code credentials:} (env groups in their listed order at the env place).
 * Built once in the composition root; the resolvers it builds read afresh on every resolve.
 */
public final class AccountCredentials {

    private final Map<String, String> env;
    private final Supplier<SecretsManagerClient> secretsManager;
    private final Clock clock;

    /**
     * @param env            the process environment ({@code System.getenv()}): env groups and
     *                       {@code CREDENTIALS_DIRECTORY} are read from it
     * @param secretsManager the shared client ({@code AwsClients.secretsManager()}), asked for only
     *                       when an account names a secret and the sources before it found nothing
     */
    public AccountCredentials(Map<String, String> env, Supplier<SecretsManagerClient> secretsManager, Clock clock) {
        this.env = env;
        this.secretsManager = secretsManager;
        this.clock = clock;
    }

    /** @param host this host's environment ({@code agent.environment}): a secret named for another one is never read */
    public CredentialResolver resolver(ExchangeAccountConfig account, Environment host) {
        return new CredentialResolver(sources(account, host));
    }

    public List<CredentialSource> sources(ExchangeAccountConfig account, Environment host) {
        CredentialSources config = account.credentials();
        int parts = account.type().credentialParts();
        List<CredentialSource> sources = new ArrayList<>();
        for (String key : config.order()) {
            switch (key) {
                case CredentialSources.ENV -> config.env().forEach(group -> sources.add(new EnvVarSource(group, env)));
                case CredentialSources.ENV_FILE -> {
                    if (!config.envFile().isBlank()) {
                        // The bots load the file into their environment, so it holds the same names.
                        List<List<String>> groups = config.env().isEmpty()
                                ? List.of(ConventionalNames.of(account.type())) : config.env();
                        sources.add(new EnvFileSource(Path.of(config.envFile()), groups));
                    }
                }
                case CredentialSources.SYSTEMD_CREDENTIAL -> {
                    if (!config.systemdCredential().isBlank()) {
                        sources.add(new SystemdCredentialSource(config.systemdCredential(), parts, env));
                    }
                }
                case CredentialSources.SECRETS_MANAGER -> {
                    if (!config.secretsManager().isBlank()) {
                        sources.add(new SecretsManagerSource(config.secretsManager(), parts, host, secretsManager,
                                clock));
                    }
                }
                default -> throw new IllegalStateException("unknown credential source " + key);
            }
        }
        return sources;
    }
}
