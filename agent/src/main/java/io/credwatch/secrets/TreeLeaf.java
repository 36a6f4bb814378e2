package io.credwatch.secrets;

import java.util.List;

/**
 * A scalar in a JSON or YAML document: its path from the root (field names and list indexes),
 * its text, and the line it is on. {@code null} values are not leaves.
 */
record TreeLeaf(List<Object> path, String value, int line) {

    /** The nearest field name above the value: the key of a scalar, or of the list holding it. */
    String nearestName() {
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i) instanceof String s) {
                return s;
            }
        }
        return "";
    }

    /** The path element {@code fromEnd} places before the last one (0 is the last). */
    Object fromEnd(int fromEnd) {
        int i = path.size() - 1 - fromEnd;
        return i >= 0 ? path.get(i) : null;
    }
}
