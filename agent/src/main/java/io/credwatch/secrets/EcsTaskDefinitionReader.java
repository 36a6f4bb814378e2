package io.credwatch.secrets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code containerDefinitions[].environment[]} entries of an ECS task definition, in any of
 * the shapes these files come in: the registered JSON, the output of
 * {@code describe-task-definition} (under {@code taskDefinition}), and CloudFormation, whose
 * keys are capitalised. Entries under {@code secrets[]} name a {@code valueFrom} and are not
 * read: they are the fix.
 */
final class EcsTaskDefinitionReader implements FormatReader {

    @Override
    public List<Assignment> read(String text) throws UnparsableException {
        List<TreeLeaf> leaves = TreeLeaves.of(text);
        Map<List<Object>, String> containerNames = new LinkedHashMap<>();
        Map<List<Object>, Entry> entries = new LinkedHashMap<>();
        for (TreeLeaf leaf : leaves) {
            List<Object> path = leaf.path();
            int defs = indexOfName(path, "containerdefinitions");
            if (defs < 0 || path.size() < defs + 3) {
                continue;
            }
            List<Object> container = path.subList(0, defs + 2);
            if (path.size() == defs + 3 && is(path.get(defs + 2), "name")) {
                containerNames.put(container, leaf.value());
            }
            if (path.size() == defs + 5 && is(path.get(defs + 2), "environment") && path.get(defs + 3) instanceof Integer) {
                Entry e = entries.computeIfAbsent(path.subList(0, defs + 4), k -> new Entry(container));
                if (is(path.get(defs + 4), "name")) {
                    e.name = leaf.value();
                } else if (is(path.get(defs + 4), "value")) {
                    e.value = leaf.value();
                    e.line = leaf.line();
                }
            }
        }
        List<Assignment> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.name != null && e.value != null) {
                String container = containerNames.get(e.container);
                out.add(new Assignment(e.name, e.value, e.line, container == null ? "" : " of container '" + container + "'"));
            }
        }
        return out;
    }

    private static int indexOfName(List<Object> path, String lowerName) {
        for (int i = 0; i < path.size(); i++) {
            if (is(path.get(i), lowerName)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean is(Object element, String lowerName) {
        return element instanceof String s && s.equalsIgnoreCase(lowerName);
    }

    private static final class Entry {
        final List<Object> container;
        String name;
        String value;
        int line;

        Entry(List<Object> container) {
            this.container = container;
        }
    }
}
