package io.credwatch.secrets;

import io.credwatch.config.Environment;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The environment a Secrets Manager name belongs to, read from its path segments
 * ({@code {prefix}/{env}/{exchange}/{key_type}}, e.g. {@code mm-bot/prod/cryptocom/api_key}).
 * Decided from the name alone, so that a secret of another environment is refused before
 * any call is made for it.
 */
public final class SecretEnvironment {

    private SecretEnvironment() {
    }

    /** The environment the first segment naming one says, if any ({@code mm-bot/dev/x} is dev). */
    public static Optional<Environment> of(String name) {
        return named(name).findFirst();
    }

    /** Whether the names belong to more than one environment: only then can one key sit under two. */
    public static boolean span(List<String> names) {
        return names.stream().map(SecretEnvironment::of).flatMap(Optional::stream).distinct().count() > 1;
    }

    /** The first segment naming an environment other than {@code host}, if any: a prod host must not use dev keys. */
    public static Optional<Environment> foreignTo(Environment host, String name) {
        return named(name).filter(e -> e != host).findFirst();
    }

    /** The environments the name's path segments name, in order. */
    private static Stream<Environment> named(String name) {
        return Arrays.stream(name.split("/")).flatMap(segment -> Arrays.stream(Environment.values())
                .filter(e -> e.label().equals(segment.toLowerCase(Locale.ROOT))));
    }

    /** The same name with {@code from}'s segment replaced by {@code to}'s: the counterpart the operator probably meant. */
    public static String counterpart(String name, Environment from, Environment to) {
        String[] segments = name.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].equalsIgnoreCase(from.label())) {
                segments[i] = to.label();
            }
        }
        return String.join("/", segments);
    }
}
