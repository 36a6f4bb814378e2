package io.credwatch.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The environment a local credential source's own name says: a directory or file of an env
 * file's path ({@code /etc/mm-bot/dev/bybit.env}, {@code bybit-dev.env}), a word of a variable's
 * name ({@code BYBIT_DEV_API_KEY}), of a systemd credential's name ({@code bybit-dev}). Read from
 * the name, as {@link SecretEnvironment} reads a Secrets Manager name, so that two accounts
 * holding one key can be told apart without reading anything more than they read anyway.
 */
public final class SourceEnvironment {

    private SourceEnvironment() {
    }

    /**
     * The environment among the name's words (runs of letters and digits) nearest its end: in
     * {@code /home/dev/bots/prod.env} the file says prod, not the user's directory.
     */
    public static Optional<Environment> ofName(String name) {
        String[] words = name.split("[^A-Za-z0-9]+");
        for (int i = words.length - 1; i >= 0; i--) {
            String word = words[i].toLowerCase(Locale.ROOT);
            Optional<Environment> named = Arrays.stream(Environment.values())
                    .filter(e -> e.label().equals(word)).findFirst();
            if (named.isPresent()) {
                return named;
            }
        }
        return Optional.empty();
    }

    /** As {@link #ofName}, but {@code /dev} at the root is the device directory, not an environment. */
    public static Optional<Environment> ofPath(Path path) {
        Path normal = path.normalize();
        if (normal.isAbsolute() && normal.getNameCount() > 0 && normal.getName(0).toString().equals("dev")) {
            normal = normal.getNameCount() > 1 ? normal.subpath(1, normal.getNameCount()) : Path.of("");
        }
        return ofName(normal.toString());
    }
}
