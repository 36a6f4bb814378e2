package io.credwatch.credential;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges what one place holds for a key, its secret (and passphrase): all there is FOUND,
 * none is EMPTY, some is INCOMPLETE. Every source names its parts its own way (variables,
 * files, secret ids) but judges them alike, here. Reasons name the parts, never a value.
 */
final class CredentialParts {

    /** How a source speaks of a part it has and one it lacks: "set"/"unset", "present"/"missing". */
    record Words(String have, String lack) {
    }

    static final Words VARIABLES = new Words("set", "unset");
    /** Files and secrets. */
    static final Words FILES = new Words("present", "missing");

    private CredentialParts() {
    }

    /**
     * @param labels the parts' names in order key, secret(, passphrase): what FOUND reports and reasons name
     * @param values the parts' values in the same order, {@code null} for absent; stripped here, blank is absent
     */
    static SourceAttempt judge(String source, List<String> labels, List<String> values, Words words) {
        List<String> have = new ArrayList<>();
        List<String> lack = new ArrayList<>();
        List<String> stripped = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            // Files written by echo, and values pasted into a console, end in a newline.
            String value = values.get(i) == null ? "" : values.get(i).strip();
            stripped.add(value);
            (value.isEmpty() ? lack : have).add(labels.get(i));
        }
        if (have.isEmpty()) {
            return SourceAttempt.empty(source, and(lack) + " " + verb(lack) + " " + words.lack());
        }
        if (!lack.isEmpty()) {
            return SourceAttempt.incomplete(source, and(have) + " " + verb(have) + " " + words.have() + " but "
                    + and(lack) + " " + verb(lack) + " " + words.lack());
        }
        return SourceAttempt.found(source, labels, new ApiCredentials(stripped.get(0), stripped.get(1),
                stripped.size() > 2 ? stripped.get(2) : ""));
    }

    /** "A", "A and B", "A, B and C". */
    static String and(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static String verb(List<String> names) {
        return names.size() == 1 ? "is" : "are";
    }
}
