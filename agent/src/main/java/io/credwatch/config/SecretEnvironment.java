package io.credwatch.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The environment a Secrets Manager name belongs to, read from its path segments
 * ({@code {prefix}/{env}/{exchange}/{key_type}}, e.g. {@code mm-bot/prod/cryptocom/api_key}).
 * Decided from the name alone, so that a secret of another environment is refused before
 * any call is made for it. Here, below the rotation check, the exchange check and the
 * credential sources, so that all three refuse the same names in the same words.
 */
public final class SecretEnvironment {

    private SecretEnvironment() {
    }

    /**
     * The refusal, when a segment of the name names an environment other than {@code host}'s:
     * a prod host must not use dev keys.
     */
    public static Optional<Foreign> foreignTo(Environment host, String name) {
        return named(name).filter(e -> e != host).findFirst().map(e -> new Foreign(name, e, host));
    }

    /** The environment the name's first path segment naming one names, if any. */
    public static Optional<Environment> of(String name) {
        return named(name).findFirst();
    }

    /** The environments the name's path segments name, in order. */
    private static Stream<Environment> named(String name) {
        return Arrays.stream(name.split("/")).flatMap(segment -> Arrays.stream(Environment.values())
                .filter(e -> e.label().equals(segment.toLowerCase(Locale.ROOT))));
    }

    /**
     * A secret name of another environment than the host's, and the words every refusal of it
     * uses: the name, both environments and the counterpart to use instead.
     *
     * @param name   as configured
     * @param secret the environment the name says
     * @param host   this host's ({@code agent.environment})
     */
    public record Foreign(String name, Environment secret, Environment host) {

        /**
         * The same name with the secret's environment segment replaced by the host's: what the
         * operator probably meant.
         */
        public String counterpart() {
            String[] segments = name.split("/", -1);
            for (int i = 0; i < segments.length; i++) {
                if (segments[i].equalsIgnoreCase(secret.label())) {
                    segments[i] = host.label();
                }
            }
            return String.join("/", segments);
        }

        /** @param field where the name is configured, e.g. {@code checks.secrets-rotation.names} */
        public String summary(String field) {
            return name + " is a " + secret.label() + " secret, configured on a " + host.label() + " host (" + field
                    + ")";
        }

        public String remediation() {
            return "a " + host.label() + " host must use only " + host.label() + " secrets: use " + counterpart()
                    + " instead, or correct agent.environment if this host really is " + secret.label();
        }

        /** Why a credential source left it alone. */
        public String notRead() {
            return name + " is a " + secret.label() + " secret and this host is " + host.label() + ": not read (use "
                    + counterpart() + ")";
        }
    }
}
