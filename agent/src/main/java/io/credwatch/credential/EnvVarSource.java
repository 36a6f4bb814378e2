package io.credwatch.credential;

import io.credwatch.config.Environment;
import io.credwatch.config.SourceEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One group of environment variables: key, secret (and passphrase), as the bots read them. */
public final class EnvVarSource implements CredentialSource {

    private final List<String> names;
    private final Map<String, String> env;

    /**
     * @param names key, secret (and passphrase) variable names
     * @param env   the process environment ({@code System.getenv()}), read on every look
     */
    public EnvVarSource(List<String> names, Map<String, String> env) {
        if (names.size() < 2 || names.size() > 3) {
            throw new IllegalArgumentException("a key, a secret and at most a passphrase: " + names);
        }
        this.names = List.copyOf(names);
        this.env = env;
    }

    @Override
    public String name() {
        return "env " + String.join("+", names);
    }

    @Override
    public SourceAttempt look(Instant deadline) {
        return CredentialParts.judge(name(), names, names.stream().map(env::get).toList(), CredentialParts.VARIABLES);
    }

    @Override
    public SourceChange lastChange(Instant deadline) {
        return SourceChange.unknown(name(), "environment variables keep no time of change");
    }

    @Override
    public Optional<Environment> environmentNamed() {
        return SourceEnvironment.ofName(String.join(" ", names));
    }
}
