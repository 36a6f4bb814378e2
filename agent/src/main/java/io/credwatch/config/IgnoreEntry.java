package io.credwatch.config;

import java.nio.file.FileSystems;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One accepted plaintext-secrets finding, written {@code GLOB} (skip matching files) or
 * {@code GLOB#RULE} (accept that rule's findings in matching files). A glob without {@code /}
 * matches the file name, one starting with {@code /} the absolute path, any other the end of
 * the path ({@code deploy/*.json}). Shared by {@code scan --ignore} and
 * {@code checks.plaintext-secrets.ignore}.
 */
public record IgnoreEntry(String glob, Optional<String> rule) {

    private static final Pattern RULE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    /** @throws IllegalArgumentException naming what is wrong, without the entry's prefix */
    public static IgnoreEntry parse(String entry) {
        if (entry == null || entry.isBlank()) {
            throw new IllegalArgumentException("empty; write GLOB to skip files or GLOB#RULE to accept one rule's findings");
        }
        int hash = entry.lastIndexOf('#');
        String glob = (hash < 0 ? entry : entry.substring(0, hash)).strip();
        Optional<String> rule = hash < 0 ? Optional.empty() : Optional.of(entry.substring(hash + 1).strip());
        if (glob.isEmpty()) {
            throw new IllegalArgumentException("'" + entry + "' has no glob before '#'; write GLOB#RULE, e.g. '*.env#high-entropy'");
        }
        if (rule.isPresent() && !RULE.matcher(rule.get()).matches()) {
            throw new IllegalArgumentException("'" + entry + "': '" + rule.get()
                    + "' is not a rule id; write GLOB#RULE with a rule such as dotenv-secret or high-entropy");
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + glob + "' is not a valid glob: " + e.getDescription());
        }
        return new IgnoreEntry(glob, rule);
    }
}
